/**
 * TikTok Shop cards arrive as a bracketed description with the platform's id, e.g.
 * "[order card 576893021845237781]" (see the API's tiktok-shop/message-content.ts). People read
 * them in words; the id is there on request, in a disclosure, for looking the order up.
 */
const CARDS: Record<string, { words: string; idName: string }> = {
  "order card": { words: "Shared an order", idName: "Order number" },
  "product card": { words: "Shared a product", idName: "Product id" },
  "return/refund card for order": { words: "Asked about a return or refund", idName: "Order number" },
  "logistics card for order": { words: "Shared an order's delivery status", idName: "Order number" },
  "coupon card": { words: "Shared a coupon", idName: "Coupon id" },
};
const CARD = /^\[(order card|product card|return\/refund card for order|logistics card for order|coupon card)(?: (\w+))?\]$/;

/** Media without words, as the API describes it ("[image]"): said as what the customer did. */
const MEDIA: Record<string, string> = { "[image]": "Sent an image", "[video]": "Sent a video", "[sticker]": "Sent a sticker" };

function cardOf(text: string) {
  const match = CARD.exec(text.trim());
  return match ? { ...CARDS[match[1]!]!, id: match[2] } : null;
}

/** A message's text as one line of words (lists, previews): cards by what they are, without ids. */
export function messageTextInWords(text: string): string {
  const card = cardOf(text);
  if (card) return `${card.words} (card)`;
  return MEDIA[text.trim()] ?? (text || "(no text)");
}

/** A message's full text, with a card's id behind a disclosure. Customer text is text, never HTML. */
export function MessageText({ text }: { text: string }) {
  const card = cardOf(text);
  if (!card) return <>{MEDIA[text.trim()] ?? (text || "(no text)")}</>;
  return (
    <>
      {card.words} (card)
      {card.id && (
        <details className="technical card-id">
          <summary>{card.idName}</summary>
          <span className="mono">{card.id}</span>
        </details>
      )}
    </>
  );
}
