/**
 * Off-platform contact details in a message: WhatsApp or Telegram named or linked ("wa.me/…",
 * "t.me/…", "whatsapp +1…", "telegram @handle"). Phone numbers come from the classifier's
 * entities, which already read them in every format buyers write.
 */
const MESSENGERS = /(?<![\p{L}\p{N}])(?:whats\s?app|wh?atsap+|wa\.me|telegram|t\.me|tg\s*:?\s*@)/u;

export function mentionsMessenger(foldedText: string): boolean {
  return MESSENGERS.test(foldedText);
}
