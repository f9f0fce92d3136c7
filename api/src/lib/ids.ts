import { randomBytes } from "node:crypto";

/**
 * Prefixed random ids (`msg_…`, `acct_…`): readable in logs and URLs, and a wrong id in the
 * wrong place is obvious at a glance.
 */
export type IdPrefix = "ws" | "acct" | "post" | "msg" | "user" | "audit" | "contact" | "cursor" | "corr" | "cmp" | "alert" | "alev" | "tok" | "bulk";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}
