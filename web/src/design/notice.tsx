import type { ReactNode } from "react";

export type NoticeTone = "success" | "error" | "warning" | "info";

/**
 * The outcome of an action: success in green with a tick (drawn by the stylesheet), a refusal in red with the API's words
 * (never the other way round). It takes the focus when it appears, so a keyboard or screen-reader
 * user hears what happened; `focus={false}` for notices that are not the answer to an action.
 */
export function Notice({ tone, children, focus = true }: { tone: NoticeTone; children: ReactNode; focus?: boolean }) {
  return (
    <p
      className={`notice notice-${tone}`}
      role={tone === "error" ? "alert" : "status"}
      tabIndex={focus ? -1 : undefined}
      ref={focus ? (element) => element?.focus() : undefined}
    >
      <span>{children}</span>
    </p>
  );
}
