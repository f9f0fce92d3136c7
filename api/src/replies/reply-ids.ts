import { randomBytes } from "node:crypto";

/** Ids for the reply engine's rows, prefixed like the rest (`mac_…`, `obx_…`, `act_…`). */
export function replyId(prefix: "mac" | "obx" | "act"): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}
