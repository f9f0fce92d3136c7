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
  /** As the comment list reports it; friends-only is the emulator's guess at TikTok's name for it. */
  status: "PUBLIC" | "HIDDEN" | "FRIENDS_ONLY";
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

/** A comment webhook's `comment_action`. */
export type CommentAction = "insert" | "delete" | "set_to_hidden" | "set_to_friends_only" | "set_to_public";

/**
 * A webhook as TikTok builds it, before signing: Business Messaging events, or the API for
 * Business's `comment.update`. `content` is a JSON string.
 */
export interface WebhookEnvelope {
  client_key: string;
  event: "im_receive_msg" | "im_send_msg" | "im_mark_read_msg" | "comment.update";
  create_time: number;
  user_openid: string;
  content: string;
}

export interface BusinessWorldOptions {
  now?: () => Date;
  clientKey?: string;
  /**
   * Queue `comment.update` webhooks for comments (new, deleted, hidden, friends-only, public
   * again), as TikTok does for a business account subscribed to them. Off by default: polling only.
   */
  commentWebhooks?: boolean;
  /** A brand reply whose text matches is flagged as spam: TikTok keeps it hidden and says nothing. */
  spamReplies?: RegExp;
}

/** Ids beyond 2^53 go into `content` as bare JSON numbers, as TikTok sends them. */
const BIG_NUMBER = "__emulated_bigint__";
const contentWithBigIds = (content: Record<string, unknown>) => JSON.stringify(content).replace(new RegExp(`"${BIG_NUMBER}(\\d+)"`, "g"), "$1");
const bigId = (id: string) => (/^\d{16,}$/.test(id) ? `${BIG_NUMBER}${id}` : id);

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
  readonly commentWebhooks: boolean;
  readonly spamReplies: RegExp | null;
  private nextId = 7_380_000_000_000_000_000n + BigInt(randomBytes(3).readUIntBE(0, 3)) * 1_000_000n;

  constructor(options: BusinessWorldOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.clientKey = options.clientKey ?? "awemulatedclientkey";
    this.commentWebhooks = options.commentWebhooks ?? false;
    this.spamReplies = options.spamReplies ?? null;
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
    this.queueCommentWebhook(comment, "insert");
    return comment;
  }

  /**
   * The brand replies through the API. A reply the spam filter flags stays hidden: no event says
   * so, and it never becomes public. Any other is public, with a `set_to_public` event.
   */
  addBrandReply(videoId: string, input: { businessId: string; username: string; text: string; parentCommentId: string }): EmulatedComment {
    const reply = this.addComment(videoId, { userId: input.businessId, username: input.username, text: input.text, parentCommentId: input.parentCommentId, owner: true });
    if (this.spamReplies?.test(input.text)) reply.status = "HIDDEN";
    else this.queueCommentWebhook(reply, "set_to_public");
    return reply;
  }

  /** Someone (the author, the brand in the app, TikTok's moderation) changes who can see a comment. */
  setCommentVisibility(commentId: string, action: "set_to_hidden" | "set_to_friends_only" | "set_to_public"): EmulatedComment {
    const comment = this.comments.get(commentId);
    if (!comment) throw new Error(`no emulated comment ${commentId}`);
    comment.status = action === "set_to_hidden" ? "HIDDEN" : action === "set_to_friends_only" ? "FRIENDS_ONLY" : "PUBLIC";
    this.queueCommentWebhook(comment, action);
    return comment;
  }

  /** The author deletes a comment: gone from every list, and a `delete` event. */
  deleteComment(commentId: string): void {
    const comment = this.comments.get(commentId);
    if (!comment) throw new Error(`no emulated comment ${commentId}`);
    this.comments.delete(commentId);
    this.queueCommentWebhook(comment, "delete");
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

  /** A `comment.update` as TikTok sends it: ids as JSON numbers beyond 2^53, inside the `content` string. */
  queueCommentWebhook(comment: EmulatedComment, action: CommentAction): void {
    if (!this.commentWebhooks) return;
    const video = this.videos.get(comment.videoId);
    if (!video) return;
    const at = this.now();
    this.pendingWebhooks.push({
      client_key: this.clientKey,
      event: "comment.update",
      create_time: Math.floor(at.getTime() / 1000),
      user_openid: video.businessId,
      content: contentWithBigIds({
        comment_id: bigId(comment.commentId),
        video_id: bigId(comment.videoId),
        parent_comment_id: comment.parentCommentId ? bigId(comment.parentCommentId) : 0,
        comment_type: comment.parentCommentId ? "reply" : "comment",
        comment_action: action,
        unique_identifier: comment.username,
        timestamp: Math.floor((action === "insert" ? comment.createdAt : at).getTime() / 1000),
        text: comment.text,
      }),
    });
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
