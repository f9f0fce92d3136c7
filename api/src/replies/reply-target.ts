import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { connectedAccounts, messages, posts } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { ApiError } from "../errors/api-error.ts";
import type { ReplyTarget } from "../connectors/contract.ts";

export type { ReplyMessage, ReplyTarget } from "../connectors/contract.ts";

/** The message an agent replies to, with its account and post, in the actor's workspace only. */
export async function loadReplyTarget(db: Database | Executor, workspaceId: string, messageId: string): Promise<ReplyTarget> {
  const [row] = await db
    .select({ message: messages, account: connectedAccounts, postExternalId: posts.externalId })
    .from(messages)
    .innerJoin(connectedAccounts, eq(connectedAccounts.id, messages.accountId))
    .leftJoin(posts, eq(posts.id, messages.postId))
    .where(and(eq(messages.id, messageId), eq(messages.workspaceId, workspaceId)));
  if (!row) throw new ApiError("not_found", "No such message.");
  return { message: row.message, account: row.account, postExternalId: row.postExternalId ?? null };
}
