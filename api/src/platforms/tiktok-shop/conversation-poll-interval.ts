const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long after a complete pass a conversation is read again, by how recently anyone wrote in
 * it. A live chat is read every minute; a quiet one rarely, because the conversation list (read
 * every ~90 s) and the new-message webhook both bring a conversation forward when it wakes up.
 * These intervals only bound how late a message can be when both of those miss it.
 */
export function conversationPollIntervalMs(lastMessageAt: Date | null, now: Date): number {
  const age = lastMessageAt ? now.getTime() - lastMessageAt.getTime() : 7 * 24 * HOUR;
  if (age < HOUR) return MINUTE;
  if (age < 24 * HOUR) return 5 * MINUTE;
  if (age < 7 * 24 * HOUR) return 30 * MINUTE;
  return 2 * HOUR;
}

/** The conversation list is re-read this often: it is how new conversations and activity are found. */
export const CONVERSATION_LIST_INTERVAL_MS = 90_000;
