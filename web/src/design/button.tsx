import type { ButtonHTMLAttributes, Ref } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "danger-solid" | "quiet" | "link";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** primary: the page's main action; danger: destroys or disables; quiet/link: secondary, low weight. */
  variant?: ButtonVariant;
  size?: "sm" | "md";
  ref?: Ref<HTMLButtonElement>;
}

/** The console's button: a native `<button>` (type="button" unless said otherwise) in one of a few variants. */
export function Button({ variant = "secondary", size = "md", className, type = "button", ...props }: ButtonProps) {
  const classes = ["btn", `btn-${variant}`, size === "sm" ? "btn-sm" : "", className ?? ""].filter(Boolean).join(" ");
  return <button type={type} className={classes} {...props} />;
}
