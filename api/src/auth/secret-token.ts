import { createHash, randomBytes } from "node:crypto";

/** A random bearer secret (sessions, API tokens) with a prefix that says what it is. */
export function newSecretToken(prefix: "sds" | "sdt"): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/** Only hashes of secrets are stored: a database copy must not let anyone in. */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
