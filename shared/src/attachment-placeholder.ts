/**
 * What the connectors write for a message with no text of its own ("[image]", "[1 attachment]",
 * "[sticker message]", "[order card 576893021845237781]"): nothing to read. One pattern for the
 * classifier (no label to guess), the database (an item's words), and the console.
 */
export const ATTACHMENT_PLACEHOLDER_SOURCE = String.raw`^\[(?:\d{1,3} )?[a-z][a-z ]{0,40}(?: \d{1,20})?\]$`;

const ATTACHMENT_PLACEHOLDER = new RegExp(ATTACHMENT_PLACEHOLDER_SOURCE, "i");

export function isAttachmentPlaceholder(text: string): boolean {
  return ATTACHMENT_PLACEHOLDER.test(text.trim());
}
