import { nanoid } from "nanoid";

/**
 * Prefixed random ids (`msg_…`, `acct_…`): readable in logs and URLs, and a wrong id in the
 * wrong place is obvious at a glance.
 */
export type IdPrefix = "ws" | "acct" | "post" | "msg" | "user" | "audit" | "contact" | "cursor" | "corr" | "cmp" | "alert" | "alev" | "tok" | "bulk" | "mac" | "obx" | "act" | "model" | "run" | "olink" | "rule" | "modo" | "note" | "tag" | "view" | "oact";

/**
 * 16 URL-safe characters, 96 random bits. nanoid draws them from a pooled buffer of
 * cryptographic randomness: during a surge ingestion mints several ids per message, and asking
 * the system for 12 random bytes each time cost more than classifying the message.
 */
const ID_LENGTH = 16;

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nanoid(ID_LENGTH)}`;
}
