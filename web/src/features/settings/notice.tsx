import type { ReactNode } from "react";

/**
 * The outcome of an action: success in green, a refusal in red with the API's words. It takes the
 * focus when it appears, so a keyboard or screen-reader user hears what happened.
 */
export function Notice({ tone, children }: { tone: "ok" | "error"; children: ReactNode }) {
  return (
    <p
      className={`notice notice-${tone}`}
      role={tone === "error" ? "alert" : "status"}
      tabIndex={-1}
      ref={(element) => element?.focus()}
    >
      {children}
    </p>
  );
}
