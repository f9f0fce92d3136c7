import type { EmulatedConversation, EmulatedShop, NewMessage } from "./emulated-shop.ts";

const BUYER_LINES = [
  "hi, where is my order? it says shipped 5 days ago",
  "the serum arrived leaking, the box was wet",
  "can I change the shade to 03 before it ships?",
  "tracking hasn't moved since monday",
  "hola, mi pedido llegó incompleto, falta el tónico",
  "I want to return this, it broke my skin out",
  "do you ship to Puerto Rico?",
  "the promo code GLOW20 didn't apply at checkout",
];
const SHOP_LINES = [
  "Hi! Sorry about that, let me check your order right away.",
  "Could you send a photo of the damaged item, please?",
  "Your parcel is with the carrier; here is the tracking link.",
];

/**
 * The message at position `i` of a seeded conversation: a realistic mix of who writes and
 * what, including what Surgedesk must not gather (SYSTEM notices, ROBOT auto-replies, messages
 * the platform marks invisible) and cards and images rendered as short descriptions.
 */
function seededMessage(i: number, createdAt: Date, orderId: string | null, conversationIndex: number, buyerLines: readonly string[] | null): NewMessage {
  const slot = i % 10;
  if (slot === 3) return { role: "SYSTEM", type: "NOTIFICATION", text: "The buyer has placed an order.", createdAt };
  if (slot === 6) return { role: "ROBOT", text: "Thanks for reaching out! An agent will reply shortly.", createdAt };
  if (slot === 9) return { role: "SYSTEM", text: "Please rate this conversation.", isVisible: false, createdAt };
  if (slot === 4) return { role: "BUYER", type: "ORDER_CARD", content: { order_id: orderId ?? `5768930218452${String(37781 + i)}` }, createdAt };
  if (slot === 7) return { role: "BUYER", type: "IMAGE", content: { url: "https://p16-oec-va.ibyteimg.com/im/photo.jpeg", width: 1080, height: 1440 }, createdAt };
  if (slot === 2 || slot === 8) return { role: slot === 8 ? "CUSTOMER_SERVICE" : "SHOP", text: SHOP_LINES[i % SHOP_LINES.length]!, createdAt };
  // The conversation's own lines, in order; else each conversation starts on its own line of the
  // shared list, so no two buyers tell the same story.
  if (buyerLines && buyerLines.length > 0) return { role: "BUYER", text: buyerLines[buyerTurn(i) % buyerLines.length]!, createdAt };
  return { role: "BUYER", text: BUYER_LINES[(i + conversationIndex * 3) % BUYER_LINES.length]!, createdAt };
}

/** How many buyer text messages come before position `i` (the slots above that are not theirs are skipped). */
function buyerTurn(i: number): number {
  let turn = 0;
  for (let j = 0; j < i; j++) if (![2, 3, 4, 6, 7, 8, 9].includes(j % 10)) turn++;
  return turn;
}

export interface SeedOptions {
  conversations: number;
  messagesPerConversation: number;
  /** The first message's time; messages are a minute apart, conversations an hour apart. */
  start: Date;
  /**
   * The order the conversation's buyer shares on their order card, given the new conversation
   * (its buyer) and its position: so each conversation can be about an order of the shop's own.
   * Without it every card names the same made-up order id.
   */
  orderCard?: (conversation: EmulatedConversation, index: number) => string;
  /**
   * What the conversation's buyer writes, in order (repeated if the conversation is longer), so
   * the words fit the order on their card: a delivered order's buyer does not ask where the
   * parcel is. Without it the buyers' lines come from one shared list.
   */
  buyerLines?: (index: number) => readonly string[];
}

/** Fills a shop with `conversations × messagesPerConversation` messages, deterministically. */
export function seedShop(shop: EmulatedShop, { conversations, messagesPerConversation, start, orderCard, buyerLines }: SeedOptions): EmulatedConversation[] {
  const seeded: EmulatedConversation[] = [];
  for (let c = 0; c < conversations; c++) {
    const opened = new Date(start.getTime() + c * 60 * 60_000);
    const conversation = shop.addConversation({ createdAt: opened });
    const orderId = orderCard?.(conversation, c) ?? null;
    const lines = buyerLines?.(c) ?? null;
    for (let m = 0; m < messagesPerConversation; m++) {
      shop.addMessage(conversation.id, seededMessage(m, new Date(opened.getTime() + m * 60_000), orderId, c, lines));
    }
    seeded.push(conversation);
  }
  return seeded;
}

/** The messages an agent should see: visible, written by the buyer, the shop or an agent. */
export function agentVisibleMessages(shop: EmulatedShop) {
  return [...shop.conversations.values()].flatMap((c) =>
    c.messages.filter((m) => m.is_visible && ["BUYER", "SHOP", "CUSTOMER_SERVICE"].includes(m.sender.role)),
  );
}
