import { randomBytes } from "node:crypto";
import { FaultPlan } from "./fault-plan.ts";

export interface EmulatedBusiness {
  businessId: string;
  username: string;
  accessToken: string;
  /** Set by `expireToken`: every call answers the token-expired code until `refreshToken`. */
  tokenExpired: boolean;
}

export interface EmulatedVideo {
  itemId: string;
  businessId: string;
  createdAt: Date;
  caption: string;
}

export interface EmulatedComment {
  commentId: string;
  videoId: string;
  userId: string;
  username: string;
  text: string;
  createdAt: Date;
  likes: number;
  status: "PUBLIC" | "HIDDEN";
  /** Written by the video's owner, i.e. the brand. */
  owner: boolean;
  /** The top-level comment it replies to; TikTok threads one level deep. */
  parentCommentId: string | null;
}

export interface EmulatedDm {
  conversationId: string;
  messageId: string;
  fromUserId: string;
  toUserId: string;
  text: string;
  type: "text" | "image" | "share_post" | "sticker";
  at: Date;
}

export interface EmulatedConversation {
  conversationId: string;
  businessId: string;
  customerId: string;
  messages: EmulatedDm[];
}

/** A Business Messaging webhook as TikTok builds it, before signing: `content` is a JSON string. */
export interface WebhookEnvelope {
  client_key: string;
  event: "im_receive_msg" | "im_send_msg" | "im_mark_read_msg";
  create_time: number;
  user_openid: string;
  content: string;
}

export interface BusinessWorldOptions {
  now?: () => Date;
  clientKey?: string;
}

/**
 * The state behind the emulated TikTok APIs: business accounts, their videos and comments,
 * DM conversations, and the webhooks TikTok would send about them. Tests and the demo change
 * it directly (a buyer comments, a buyer writes a DM) and watch Surgedesk gather it through
 * the emulated HTTP API and signed webhooks.
 */
export class TikTokBusinessWorld {
  readonly businesses = new Map<string, EmulatedBusiness>();
  readonly videos = new Map<string, EmulatedVideo>();
  readonly comments = new Map<string, EmulatedComment>();
  readonly conversations = new Map<string, EmulatedConversation>();
  /** Webhooks waiting to be delivered, oldest first; see `takeWebhooks`. */
  readonly pendingWebhooks: WebhookEnvelope[] = [];
  readonly faults = new FaultPlan();
  /** Every API call received, for tests to check what was asked (paging, sort, limits). */
  readonly calls: { method: string; path: string; params: Record<string, unknown>; at: Date }[] = [];
  readonly clientKey: string;
  readonly now: () => Date;
  private nextId = 7_380_000_000_000_000_000n + BigInt(randomBytes(3).readUIntBE(0, 3)) * 1_000_000n;

  constructor(options: BusinessWorldOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.clientKey = options.clientKey ?? "awemulatedclientkey";
  }

  /** A 19-digit id like TikTok's, increasing, so newer things have larger ids. */
  newId(): string {
    this.nextId += 1n + BigInt(randomBytes(1)[0] ?? 0);
    return this.nextId.toString();
  }

  addBusiness(input: { businessId?: string; username?: string; accessToken?: string } = {}): EmulatedBusiness {
    const business: EmulatedBusiness = {
      businessId: input.businessId ?? `-000${randomBytes(12).toString("base64url")}`,
      username: input.username ?? "glowbar.official",
      accessToken: input.accessToken ?? `act.${randomBytes(16).toString("hex")}`,
      tokenExpired: false,
    };
    this.businesses.set(business.businessId, business);
    return business;
  }

  addVideo(businessId: string, input: { itemId?: string; createdAt?: Date; caption?: string } = {}): EmulatedVideo {
    this.requireBusiness(businessId);
    const video: EmulatedVideo = {
      itemId: input.itemId ?? this.newId(),
      businessId,
      createdAt: input.createdAt ?? this.now(),
      caption: input.caption ?? "",
    };
    this.videos.set(video.itemId, video);
    return video;
  }

  /** A buyer (or, with `owner`, the brand) comments on a video, or replies to a comment. */
  addComment(
    videoId: string,
    input: {
      userId: string;
      username?: string;
      text: string;
      createdAt?: Date;
      parentCommentId?: string | null;
      likes?: number;
      owner?: boolean;
      commentId?: string;
    },
  ): EmulatedComment {
    if (!this.videos.has(videoId)) throw new Error(`no emulated video ${videoId}`);
    const parent = input.parentCommentId ? this.comments.get(input.parentCommentId) : null;
    if (input.parentCommentId && !parent) throw new Error(`no emulated comment ${input.parentCommentId}`);
    const comment: EmulatedComment = {
      commentId: input.commentId ?? this.newId(),
      videoId,
      userId: input.userId,
      username: input.username ?? `user${input.userId.slice(-6)}`,
      text: input.text,
      createdAt: input.createdAt ?? this.now(),
      likes: input.likes ?? 0,
      status: "PUBLIC",
      owner: input.owner ?? false,
      // A reply to a reply joins the top-level comment's thread, as in the app.
      parentCommentId: parent ? (parent.parentCommentId ?? parent.commentId) : null,
    };
    this.comments.set(comment.commentId, comment);
    return comment;
  }

  /** Top-level comments of a video, or the replies of one comment. */
  commentsOf(videoId: string, parentCommentId: string | null): EmulatedComment[] {
    return [...this.comments.values()].filter((c) => c.videoId === videoId && c.parentCommentId === parentCommentId);
  }

  /** A buyer writes to the brand: the message joins (or opens) their conversation and a webhook is queued. */
  receiveDm(
    businessId: string,
    input: { fromUserId: string; text: string; type?: EmulatedDm["type"]; at?: Date; conversationId?: string },
  ): EmulatedDm {
    this.requireBusiness(businessId);
    const conversation = this.conversationWith(businessId, input.fromUserId, input.conversationId);
    const dm: EmulatedDm = {
      conversationId: conversation.conversationId,
      messageId: `msg_${this.newId()}`,
      fromUserId: input.fromUserId,
      toUserId: businessId,
      text: input.text,
      type: input.type ?? "text",
      at: input.at ?? this.now(),
    };
    conversation.messages.push(dm);
    this.queueWebhook("im_receive_msg", businessId, dm);
    return dm;
  }

  /** The brand's send (through the API or the app): stored, and echoed as `im_send_msg`. */
  recordSentDm(conversation: EmulatedConversation, text: string): EmulatedDm {
    const dm: EmulatedDm = {
      conversationId: conversation.conversationId,
      messageId: `msg_${this.newId()}`,
      fromUserId: conversation.businessId,
      toUserId: conversation.customerId,
      text,
      type: "text",
      at: this.now(),
    };
    conversation.messages.push(dm);
    this.queueWebhook("im_send_msg", conversation.businessId, dm);
    return dm;
  }

  /** The buyer opened the conversation: TikTok sends a read receipt, which carries no message. */
  markRead(conversationId: string): void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no emulated conversation ${conversationId}`);
    const at = this.now();
    this.pendingWebhooks.push({
      client_key: this.clientKey,
      event: "im_mark_read_msg",
      create_time: Math.floor(at.getTime() / 1000),
      user_openid: conversation.businessId,
      content: JSON.stringify({
        conversation_id: conversationId,
        read: { last_read_timestamp: at.getTime() },
        from_user: { id: conversation.customerId },
        to_user: { id: conversation.businessId },
      }),
    });
  }

  /** Hands over the queued webhooks (to sign and deliver) and empties the queue. */
  takeWebhooks(): WebhookEnvelope[] {
    return this.pendingWebhooks.splice(0);
  }

  expireToken(businessId: string): void {
    this.requireBusiness(businessId).tokenExpired = true;
  }

  /** The admin reconnected: a new token works again. */
  refreshToken(businessId: string, accessToken = `act.${randomBytes(16).toString("hex")}`): string {
    const business = this.requireBusiness(businessId);
    business.accessToken = accessToken;
    business.tokenExpired = false;
    return accessToken;
  }

  businessByToken(accessToken: string): EmulatedBusiness | undefined {
    return [...this.businesses.values()].find((b) => b.accessToken === accessToken);
  }

  private requireBusiness(businessId: string): EmulatedBusiness {
    const business = this.businesses.get(businessId);
    if (!business) throw new Error(`no emulated business ${businessId}`);
    return business;
  }

  private conversationWith(businessId: string, customerId: string, conversationId?: string): EmulatedConversation {
    const existing = [...this.conversations.values()].find(
      (c) => c.businessId === businessId && c.customerId === customerId && (!conversationId || c.conversationId === conversationId),
    );
    if (existing) return existing;
    const conversation: EmulatedConversation = {
      conversationId: conversationId ?? `conv_${this.newId()}`,
      businessId,
      customerId,
      messages: [],
    };
    this.conversations.set(conversation.conversationId, conversation);
    return conversation;
  }

  private queueWebhook(event: "im_receive_msg" | "im_send_msg", businessId: string, dm: EmulatedDm) {
    this.pendingWebhooks.push({
      client_key: this.clientKey,
      event,
      create_time: Math.floor(this.now().getTime() / 1000),
      user_openid: businessId,
      content: JSON.stringify({
        conversation_id: dm.conversationId,
        message_id: dm.messageId,
        timestamp: dm.at.getTime(),
        type: dm.type,
        ...(dm.type === "text" ? { text: { body: dm.text } } : {}),
        from_user: { id: dm.fromUserId },
        to_user: { id: dm.toUserId },
      }),
    });
  }
}
