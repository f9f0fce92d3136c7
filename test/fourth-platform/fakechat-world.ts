/**
 * The fourth platform's side of the wire, in memory: what its API holds and what Surgedesk
 * sent it. A real platform is reached over HTTP; this one only has to show what crossed over.
 */
export interface FakechatComment {
  id: string;
  accountId: string;
  postId: string;
  author: { id: string; name: string };
  text: string;
  createdAt: string;
}

export class FakechatWorld {
  readonly comments: FakechatComment[] = [];
  readonly replies: { commentId: string; text: string; id: string }[] = [];
  readonly hidden = new Set<string>();

  addComment(comment: FakechatComment): void {
    this.comments.push(comment);
  }

  reply(commentId: string, text: string): string {
    const id = `reply-${this.replies.length + 1}`;
    this.replies.push({ commentId, text, id });
    return id;
  }
}

/** One world per test file: the connector object is a constant, as real connectors are. */
export const fakechatWorld = new FakechatWorld();

/** What the fake platform signs its webhook deliveries with. */
export const FAKECHAT_WEBHOOK_TOKEN = "fakechat-webhook-token";
