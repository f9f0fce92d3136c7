import type { HTMLAttributes } from "react";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger" | "info" | "instagram" | "tiktok";

/** A short status word beside something: its tone says what kind of news it is. */
export function Badge({ tone = "neutral", className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return <span className={`badge badge-${tone}${className ? ` ${className}` : ""}`} {...props} />;
}
