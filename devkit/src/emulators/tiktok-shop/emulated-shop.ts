import { emulatedShopCipher, emulatedShopId } from "./emulated-ids.ts";
import { EmulatedOrderBook } from "./emulated-orders.ts";

export type ParticipantRole = "BUYER" | "SHOP" | "CUSTOMER_SERVICE";
export type SenderRole = ParticipantRole | "SYSTEM" | "ROBOT";

export interface EmulatedParticipant {
  user_id: string;
  im_user_id: string;
  nickname: string;
  avatar: string;
  role: ParticipantRole;
}

/** A message as the Partner API returns it (`content` is a JSON string). */
export interface EmulatedMessage {
  id: string;
  type: string;
  content: string;
  create_time: number;
  index: string;
  is_visible: boolean;
  sender: { im_user_id: string; nickname: string; avatar: string; role: SenderRole };
}

export interface EmulatedConversation {
  id: string;
  create_time: number;
  buyer: EmulatedParticipant;
  agent: EmulatedParticipant | null;
  /** Oldest first. */
  messages: EmulatedMessage[];
  unread_count: number;
}

export interface NewMessage {
  role: SenderRole;
  /** TEXT unless said otherwise. */
  type?: string;
  /** Shorthand for TEXT: becomes `{"content": text}`. */
  text?: string;
  /** The content object of a non-text message, e.g. `{order_id}`. */
  content?: Record<string, unknown>;
  isVisible?: boolean;
  createdAt?: Date;
}

export interface SentMessage {
  conversationId: string;
  type: string;
  content: string;
  messageId: string;
}

function pageToken(value: string): string {
  return Buffer.from(value, "utf8").toString("base64url");
}

function readToken(token: string): string | null {
  try {
    const value = Buffer.from(token, "base64url").toString("utf8");
    return /^\d{1,30}$/.test(value) ? value : null;
  } catch {
    return null;
  }
}

export class InvalidPageToken extends Error {}
export class UnknownConversation extends Error {}

/**
 * One shop's customer-service inbox: conversations with a buyer, messages by role, what the
 * shop sent through the API. Paging works like the platform's: opaque tokens, `""` at the end;
 * a message page token marks a position, so new messages never shift a pass in progress.
 */
export class EmulatedShop {
  readonly shopId = emulatedShopId("shop");
  readonly cipher = emulatedShopCipher();
  readonly name: string;
  readonly imUserId = emulatedShopId("im_user");
  accessToken: string;
  /** Set by `expireToken()`: every call then fails as an expired token would. */
  tokenExpired = false;
  readonly conversations = new Map<string, EmulatedConversation>();
  readonly sent: SentMessage[] = [];
  /** The shop's orders, packages, returns and cancellations. */
  readonly orderBook: EmulatedOrderBook;
  private readonly clock: () => Date;
  private indexSequence = 0;

  constructor(options: { name?: string; accessToken?: string; clock?: () => Date } = {}) {
    this.name = options.name ?? "Glowbar Official";
    this.accessToken = options.accessToken ?? `ROW_${this.shopId}_token`;
    this.clock = options.clock ?? (() => new Date());
    this.orderBook = new EmulatedOrderBook(this.clock);
  }

  expireToken() {
    this.tokenExpired = true;
  }

  /** Reconnecting issues a new token. */
  renewToken(token: string) {
    this.accessToken = token;
    this.tokenExpired = false;
  }

  addConversation(options: { buyerNickname?: string; createdAt?: Date } = {}): EmulatedConversation {
    const id = emulatedShopId("conversation");
    const userId = emulatedShopId("user");
    const conversation: EmulatedConversation = {
      id,
      create_time: Math.floor((options.createdAt ?? this.clock()).getTime() / 1000),
      buyer: {
        user_id: userId,
        im_user_id: emulatedShopId("im_user"),
        nickname: options.buyerNickname ?? `buyer_${userId.slice(-6)}`,
        avatar: `https://p16-oec-va.ibyteimg.com/avatar/${userId}.jpeg`,
        role: "BUYER",
      },
      agent: null,
      messages: [],
      unread_count: 0,
    };
    this.conversations.set(id, conversation);
    return conversation;
  }

  conversation(conversationId: string): EmulatedConversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new UnknownConversation(conversationId);
    return conversation;
  }

  addMessage(conversationId: string, message: NewMessage): EmulatedMessage {
    const conversation = this.conversation(conversationId);
    const createdAt = message.createdAt ?? this.clock();
    const type = message.type ?? "TEXT";
    const content = message.text !== undefined ? { content: message.text } : (message.content ?? {});
    this.indexSequence += 1;
    const stored: EmulatedMessage = {
      id: emulatedShopId("message"),
      type,
      content: JSON.stringify(content),
      create_time: Math.floor(createdAt.getTime() / 1000),
      // Time-related and unique, like the platform's index.
      index: `${createdAt.getTime()}${String(this.indexSequence % 1000).padStart(3, "0")}`,
      is_visible: message.isVisible ?? true,
      sender: this.senderFor(conversation, message.role),
    };
    // Kept oldest first; a message backdated into the past still lands in its place.
    const at = conversation.messages.findIndex((m) => order(m, stored) > 0);
    if (at === -1) conversation.messages.push(stored);
    else conversation.messages.splice(at, 0, stored);
    if (message.role === "BUYER") conversation.unread_count += 1;
    return stored;
  }

  addBuyerMessage(conversationId: string, text: string, createdAt?: Date): EmulatedMessage {
    return this.addMessage(conversationId, { role: "BUYER", text, ...(createdAt && { createdAt }) });
  }

  /** What `POST …/messages` does: the message joins the conversation as the shop's. */
  receiveSend(conversationId: string, type: string, content: string): SentMessage {
    const conversation = this.conversation(conversationId);
    const parsed = JSON.parse(content) as Record<string, unknown>;
    const message = this.addMessage(conversation.id, { role: conversation.agent ? "CUSTOMER_SERVICE" : "SHOP", type, content: parsed });
    const sent = { conversationId, type, content, messageId: message.id };
    this.sent.push(sent);
    return sent;
  }

  /** Most recently active first, as the seller's inbox lists them. */
  listConversations(pageSize: number, token: string | undefined) {
    const sorted = [...this.conversations.values()].sort(
      (a, b) => lastActivity(b) - lastActivity(a) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0),
    );
    const offset = token ? Number(readToken(token) ?? Number.NaN) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw new InvalidPageToken(token);
    const page = sorted.slice(offset, offset + pageSize);
    const nextOffset = offset + page.length;
    return {
      conversations: page.map((c) => this.conversationJson(c)),
      next_page_token: nextOffset < sorted.length ? pageToken(String(nextOffset)) : "",
    };
  }

  listMessages(conversationId: string, pageSize: number, token: string | undefined, sortOrder: "ASC" | "DESC") {
    const conversation = this.conversation(conversationId);
    const ordered = sortOrder === "DESC" ? [...conversation.messages].reverse() : conversation.messages;
    let start = 0;
    if (token) {
      // The token names the index of the last message returned; the page starts after it.
      const index = readToken(token);
      if (index === null) throw new InvalidPageToken(token);
      start = ordered.findIndex((m) => (sortOrder === "DESC" ? BigInt(m.index) < BigInt(index) : BigInt(m.index) > BigInt(index)));
      if (start === -1) start = ordered.length;
    }
    const page = ordered.slice(start, start + pageSize);
    const last = page.at(-1);
    const more = start + page.length < ordered.length;
    return {
      messages: page,
      next_page_token: more && last ? pageToken(last.index) : "",
      unsupported_msg_tips: "This message type is not supported yet. Please check it in TikTok Shop Seller Center.",
    };
  }

  private senderFor(conversation: EmulatedConversation, role: SenderRole): EmulatedMessage["sender"] {
    if (role === "BUYER") {
      const { im_user_id, nickname, avatar } = conversation.buyer;
      return { im_user_id, nickname, avatar, role };
    }
    if (role === "CUSTOMER_SERVICE") {
      conversation.agent ??= {
        user_id: emulatedShopId("user"),
        im_user_id: emulatedShopId("im_user"),
        nickname: "Ana (Glowbar support)",
        avatar: "",
        role: "CUSTOMER_SERVICE",
      };
      const { im_user_id, nickname, avatar } = conversation.agent;
      return { im_user_id, nickname, avatar, role };
    }
    // SHOP, and (as documented) SYSTEM and ROBOT, carry the shop's identity.
    return { im_user_id: this.imUserId, nickname: this.name, avatar: "", role };
  }

  private conversationJson(conversation: EmulatedConversation) {
    const shop: EmulatedParticipant = { user_id: this.shopId, im_user_id: this.imUserId, nickname: this.name, avatar: "", role: "SHOP" };
    const participants = [conversation.buyer, shop, ...(conversation.agent ? [conversation.agent] : [])];
    return {
      id: conversation.id,
      create_time: conversation.create_time,
      can_send_message: true,
      unread_count: conversation.unread_count,
      participant_count: participants.length,
      participants: participants.map((p) => ({ ...p, ...(p.role === "BUYER" && { buyer_platform: "TIKTOK_SHOP" }) })),
      ...(conversation.messages.length > 0 && { latest_message: conversation.messages.at(-1) }),
    };
  }
}

function order(a: EmulatedMessage, b: EmulatedMessage): number {
  return a.create_time - b.create_time || (BigInt(a.index) < BigInt(b.index) ? -1 : BigInt(a.index) > BigInt(b.index) ? 1 : 0);
}

function lastActivity(conversation: EmulatedConversation): number {
  return conversation.messages.at(-1)?.create_time ?? conversation.create_time;
}
