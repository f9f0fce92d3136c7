import { randomInt } from "node:crypto";

// Random per process, so several emulated shops sharing one test database never reuse an id.
let sequence = BigInt(randomInt(1, 2 ** 40));

/**
 * Numeric ids shaped like TikTok Shop's (18–19 digits): shops `7494…`, conversations `5764…`,
 * messages `7223…`, users `7000…`, orders `5768…`.
 */
export function emulatedShopId(kind: "shop" | "conversation" | "message" | "user" | "im_user" | "order"): string {
  sequence += 1n;
  const prefix = { shop: 7494n, conversation: 5764n, message: 7223n, user: 7000n, im_user: 7100n, order: 5768n }[kind];
  return String(prefix * 10n ** 15n + (sequence % 10n ** 15n));
}

export function emulatedShopCipher(): string {
  sequence += 1n;
  return `ROW_${sequence.toString(36).padStart(10, "A")}AAAAAC5i0xXesBU5U8f6`;
}
