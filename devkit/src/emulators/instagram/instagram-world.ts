import { randomBytes } from "node:crypto";
import { z } from "zod";
import { emulatedId, emulatedMessageId } from "./emulated-ids.ts";
import { graphFailures } from "./graph-failure.ts";
import { GraphFaults } from "./graph-faults.ts";

export interface EmulatedAccount {
  id: string;
  username: string;
  token: string;
  /** Set when the token was expired or revoked: every call with it answers code 190. */
  tokenExpiredAt: Date | null;
}

export interface EmulatedMedia {
  id: string;
  accountId: string;
  caption: string;
  timestamp: Date;
  mediaType: "IMAGE" | "VIDEO" | "CAROUSEL_ALBUM";
  productType: "FEED" | "REELS" | "STORY" | "AD";
  /** A live broadcast, on air or ended: its comments get a Private Reply only while on air. */
  live: "no" | "on_air" | "ended";
}

export interface EmulatedComment {
  id: string;
  mediaId: string;
  parentId: string | null;
  text: string;
  timestamp: Date;
  /** `id` is the commenter's Instagram-scoped id (IGSID). */
  from: { id: string; username: string };
  likeCount: number;
  hidden: boolean;
  deleted: boolean;
  /** Insertion order, to break timestamp ties in paging. */
  seq: number;
}

export interface SentMessage {
  messageId: string;
  accountId: string;
  recipientId: string;
  /** Set for a Private Reply. */
  commentId: string | null;
  text: string;
  at: Date;
}

export interface ReceivedMessage {
  mid: string;
  accountId: string;
  senderId: string;
  text: string;
  at: Date;
}

export interface GraphCall {
  method: string;
  nodeId: string;
  edge: string | null;
  after: string | null;
  accountId: string | null;
  /** HTTP status answered; 0 while (or because) a hung call never answered. */
  status: number;
  /** Set when Instagram acted but its answer was lost on the way back (a `lose-answer` fault). */
  answerLost?: true;
  at: Date;
}

export interface UsageOverride {
  call_count: number;
  total_cputime: number;
  total_time: number;
  estimated_time_to_regain_access: number;
}

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
export const PRIVATE_REPLY_WINDOW_MS = 7 * DAY;
export const MESSAGING_WINDOW_MS = DAY;
export const PRIVATE_REPLIES_PER_HOUR = 750;

const sendSchema = z.object({
  recipient: z.union([z.object({ comment_id: z.string().min(1) }), z.object({ id: z.string().min(1) })]),
  message: z.object({ text: z.string().min(1).max(1000) }),
});

export interface InstagramWorldOptions {
  now?: () => Date;
  /** Graph calls per account per rolling hour before Business Use Case throttling (code 80002). */
  hourlyCallBudget?: number;
}

/**
 * An in-memory Instagram: accounts, media, comments and replies, DMs received and sent, with
 * the platform's rules (who may act on what, Private Reply once per comment within 7 days, DMs
 * within 24 hours of the customer's last message). The msw handlers serve it as the Graph API;
 * tests and the demo change it directly (a comment arrives) and watch Surgedesk gather it.
 */
export class InstagramWorld {
  readonly now: () => Date;
  readonly hourlyCallBudget: number;
  readonly faults = new GraphFaults();
  readonly calls: GraphCall[] = [];
  readonly sent: SentMessage[] = [];
  readonly received: ReceivedMessage[] = [];
  private readonly accounts = new Map<string, EmulatedAccount>();
  private readonly media = new Map<string, EmulatedMedia>();
  private readonly comments = new Map<string, EmulatedComment>();
  /** Top-level comments per media and replies per comment, each sorted by `commentKey`. */
  private readonly threads = new Map<string, EmulatedComment[]>();
  private readonly usageOverrides = new Map<string, UsageOverride>();
  private seq = 0;

  constructor(options: InstagramWorldOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.hourlyCallBudget = options.hourlyCallBudget ?? 20_000;
  }

  addAccount(input: { username?: string; id?: string } = {}): EmulatedAccount {
    const id = input.id ?? emulatedId("account");
    const account = { id, username: input.username ?? `brand_${id.slice(-6)}`, token: newToken(), tokenExpiredAt: null };
    this.accounts.set(id, account);
    return account;
  }

  /** A post of the account; `id` only to mirror a known post (the demo's recorded launch). */
  addMedia(accountId: string, input: Partial<Omit<EmulatedMedia, "accountId">> = {}): EmulatedMedia {
    this.requireAccount(accountId);
    const media: EmulatedMedia = {
      id: input.id ?? emulatedId("media"),
      accountId,
      caption: input.caption ?? "New drop ✨",
      timestamp: wholeSeconds(input.timestamp ?? this.now()),
      mediaType: input.mediaType ?? "VIDEO",
      productType: input.productType ?? "REELS",
      live: input.live ?? "no",
    };
    this.media.set(media.id, media);
    this.threads.set(media.id, []);
    return media;
  }

  /** A comment (or, with `parentId`, a reply) as a customer writes it. */
  addComment(
    mediaId: string,
    input: { id?: string; text?: string; from?: { id: string; username: string }; parentId?: string; timestamp?: Date; likeCount?: number } = {},
  ): EmulatedComment {
    const media = this.media.get(mediaId);
    if (!media) throw new Error(`no emulated media ${mediaId}`);
    if (input.parentId) {
      const parent = this.comments.get(input.parentId);
      if (!parent || parent.mediaId !== mediaId) throw new Error(`no comment ${input.parentId} on media ${mediaId}`);
      if (parent.parentId) throw new Error("Instagram nests replies one level only");
    }
    this.seq += 1;
    const userId = emulatedId("user");
    const comment: EmulatedComment = {
      id: input.id ?? emulatedId("comment"),
      mediaId,
      parentId: input.parentId ?? null,
      text: input.text ?? `comment ${this.seq}`,
      timestamp: wholeSeconds(input.timestamp ?? this.now()),
      from: input.from ?? { id: userId, username: `buyer_${userId.slice(-6)}` },
      likeCount: input.likeCount ?? 0,
      hidden: false,
      deleted: false,
      seq: this.seq,
    };
    this.comments.set(comment.id, comment);
    const list = input.parentId ? this.threadOf(input.parentId) : this.threadOf(mediaId);
    insertSorted(list, comment);
    return comment;
  }

  /** `count` comments on a media, one second apart, ending now. */
  addComments(mediaId: string, count: number, make: (index: number) => { text?: string } = () => ({})): EmulatedComment[] {
    const end = this.now().getTime();
    return Array.from({ length: count }, (_, index) =>
      this.addComment(mediaId, { ...make(index), timestamp: new Date(end - (count - 1 - index) * 1000) }),
    );
  }

  /** A DM from a customer, which opens the 24-hour window to answer them. */
  receiveMessage(accountId: string, input: { from: string; text: string; at?: Date }): ReceivedMessage {
    this.requireAccount(accountId);
    const message = { mid: emulatedMessageId(), accountId, senderId: input.from, text: input.text, at: input.at ?? this.now() };
    this.received.push(message);
    return message;
  }

  hasMedia(mediaId: string): boolean {
    return this.media.has(mediaId);
  }

  hasComment(commentId: string): boolean {
    return this.comments.has(commentId);
  }

  expireToken(accountId: string): void {
    this.requireAccount(accountId).tokenExpiredAt = this.now();
  }

  /** A reconnect: a fresh token, the old one stays dead. */
  renewToken(accountId: string): string {
    const account = this.requireAccount(accountId);
    account.token = newToken();
    account.tokenExpiredAt = null;
    return account.token;
  }

  /** Fixes what the usage header reports for an account; null returns to the measured usage. */
  setUsage(accountId: string, usage: UsageOverride | null): void {
    if (usage) this.usageOverrides.set(accountId, usage);
    else this.usageOverrides.delete(accountId);
  }

  getAccount(id: string): EmulatedAccount | undefined {
    return this.accounts.get(id);
  }

  getMedia(id: string): EmulatedMedia | undefined {
    return this.media.get(id);
  }

  getComment(id: string): EmulatedComment | undefined {
    return this.comments.get(id);
  }

  /** Whose token this is, expired or not. */
  tokenOwner(token: string | null): EmulatedAccount | undefined {
    if (!token) return undefined;
    for (const account of this.accounts.values()) if (account.token === token) return account;
    return undefined;
  }

  /** The account a token belongs to; throws code 190 for an unknown or expired token. */
  authenticate(token: string | null): EmulatedAccount {
    const account = this.tokenOwner(token);
    if (!account) throw graphFailures.invalidToken();
    if (account.tokenExpiredAt) throw graphFailures.expiredToken(account.tokenExpiredAt);
    return account;
  }

  /** Business Use Case throttling: too many calls in the rolling hour answer code 80002. */
  checkBudget(account: EmulatedAccount): void {
    const usage = this.usageOf(account.id);
    if (usage.call_count >= 100 || usage.estimated_time_to_regain_access > 0) throw graphFailures.rateLimited(80002);
  }

  usageOf(accountId: string): UsageOverride {
    const override = this.usageOverrides.get(accountId);
    if (override) return override;
    const since = this.now().getTime() - HOUR;
    const recent = this.calls.filter((call) => call.accountId === accountId && call.at.getTime() > since);
    const percent = Math.min(100, Math.round((100 * recent.length) / this.hourlyCallBudget));
    const oldest = recent[0];
    const regain = percent >= 100 && oldest ? Math.ceil((oldest.at.getTime() + HOUR - this.now().getTime()) / 60_000) : 0;
    return { call_count: percent, total_cputime: Math.round(percent / 2), total_time: Math.round(percent / 2), estimated_time_to_regain_access: regain };
  }

  mediaOf(accountId: string): EmulatedMedia[] {
    // Newest first, as Graph lists an account's media.
    return [...this.media.values()]
      .filter((m) => m.accountId === accountId)
      .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime() || a.id.localeCompare(b.id));
  }

  /** Visible top-level comments of a media, or replies of a comment, oldest first. */
  visibleThread(id: string): EmulatedComment[] {
    return (this.threads.get(id) ?? []).filter((comment) => !comment.deleted);
  }

  /** A media or comment the account may act on; otherwise the "does not exist" error. */
  ownedMedia(account: EmulatedAccount, mediaId: string): EmulatedMedia {
    const media = this.media.get(mediaId);
    if (!media || media.accountId !== account.id) throw graphFailures.noSuchObject(mediaId);
    return media;
  }

  ownedComment(account: EmulatedAccount, commentId: string): EmulatedComment {
    const comment = this.comments.get(commentId);
    if (!comment || comment.deleted || this.media.get(comment.mediaId)?.accountId !== account.id) {
      throw graphFailures.noSuchObject(commentId);
    }
    return comment;
  }

  /** A public reply by the brand: top-level, visible, non-live comments only. */
  replyToComment(account: EmulatedAccount, commentId: string, text: string): EmulatedComment {
    const comment = this.ownedComment(account, commentId);
    if (!text) throw graphFailures.invalidParameter("The parameter message is required");
    if (comment.parentId) throw graphFailures.invalidParameter("Replies can only be made to top-level comments");
    if (comment.hidden) throw graphFailures.invalidParameter("Cannot reply to a hidden comment");
    if (this.media.get(comment.mediaId)?.live !== "no") throw graphFailures.invalidParameter("Cannot reply to a live video comment");
    return this.addComment(comment.mediaId, { text, parentId: comment.id, from: { id: account.id, username: account.username } });
  }

  setHidden(account: EmulatedAccount, commentId: string, hidden: boolean): void {
    this.ownedComment(account, commentId).hidden = hidden;
  }

  deleteComment(account: EmulatedAccount, commentId: string): void {
    this.ownedComment(account, commentId).deleted = true;
  }

  /**
   * The Send API: `recipient.comment_id` is a Private Reply (once per comment, within 7 days of
   * it, for a live comment only while the broadcast is live, 750 per hour per account);
   * `recipient.id` is a DM, allowed within 24 hours of the customer's last message.
   */
  send(account: EmulatedAccount, payload: unknown): SentMessage {
    const parsed = sendSchema.safeParse(payload);
    if (!parsed.success) throw graphFailures.invalidParameter("Invalid parameter: recipient and message.text are required");
    const now = this.now();
    const { recipient, message } = parsed.data;
    let recipientId: string;
    let commentId: string | null = null;
    if ("comment_id" in recipient) {
      const comment = this.ownedComment(account, recipient.comment_id);
      commentId = comment.id;
      const hourAgo = now.getTime() - HOUR;
      if (this.sent.filter((s) => s.accountId === account.id && s.commentId && s.at.getTime() > hourAgo).length >= PRIVATE_REPLIES_PER_HOUR) {
        throw graphFailures.rateLimited(613);
      }
      if (this.sent.some((s) => s.commentId === comment.id)) throw graphFailures.privateReplyAlreadySent();
      const live = this.media.get(comment.mediaId)?.live ?? "no";
      const open = live === "no" ? now.getTime() - comment.timestamp.getTime() <= PRIVATE_REPLY_WINDOW_MS : live === "on_air";
      if (!open) throw graphFailures.outsideWindow();
      recipientId = comment.from.id;
    } else {
      const last = this.received.filter((m) => m.accountId === account.id && m.senderId === recipient.id).at(-1);
      if (!last || now.getTime() - last.at.getTime() > MESSAGING_WINDOW_MS) throw graphFailures.outsideWindow();
      recipientId = recipient.id;
    }
    const sent = { messageId: emulatedMessageId(), accountId: account.id, recipientId, commentId, text: message.text, at: now };
    this.sent.push(sent);
    return sent;
  }

  endLive(mediaId: string): void {
    const media = this.media.get(mediaId);
    if (media?.live === "on_air") media.live = "ended";
  }

  private requireAccount(id: string): EmulatedAccount {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`no emulated account ${id}`);
    return account;
  }

  private threadOf(id: string): EmulatedComment[] {
    let list = this.threads.get(id);
    if (!list) {
      list = [];
      this.threads.set(id, list);
    }
    return list;
  }
}

/** Sort key of a comment in its thread: time, then insertion order. */
export function commentKey(comment: EmulatedComment): string {
  return `${comment.timestamp.toISOString()}|${String(comment.seq).padStart(12, "0")}`;
}

function insertSorted(list: EmulatedComment[], comment: EmulatedComment): void {
  const key = commentKey(comment);
  const last = list[list.length - 1];
  if (!last || commentKey(last) <= key) {
    list.push(comment);
    return;
  }
  const at = list.findIndex((other) => commentKey(other) > key);
  list.splice(at, 0, comment);
}

/** Graph gives times to the second. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function newToken(): string {
  return `IGAA${randomBytes(24).toString("base64url")}`;
}
