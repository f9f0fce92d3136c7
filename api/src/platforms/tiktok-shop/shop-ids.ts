/**
 * TikTok Shop message ids and TikTok (API for Business) comment ids are both 64-bit numbers
 * stored under platform "tiktok"; the prefix keeps them from ever meeting in one id space.
 */
export function shopMessageExternalId(messageId: string): string {
  return `tiktok_shop:${messageId}`;
}

export function conversationThreadKey(conversationId: string): string {
  return `tiktok_shop:conversation:${conversationId}`;
}
