import { randomInt } from "node:crypto";

// Random per process, so several emulated worlds sharing one test database never reuse an id.
let sequence = randomInt(1, 2 ** 40);

/** Numeric-looking ids like Instagram's: accounts `1784…`, media `18…`, comments `179…`. */
export function emulatedId(kind: "account" | "media" | "comment" | "user"): string {
  sequence += 1;
  const prefix = { account: "17841", media: "18", comment: "179", user: "6" }[kind];
  return `${prefix}${String(sequence).padStart(13, "0")}`;
}

export function emulatedMessageId(): string {
  sequence += 1;
  return `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx${sequence.toString(36)}`;
}
