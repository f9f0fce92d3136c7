import { and, eq } from "drizzle-orm";
import type { MessageDetail } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { selectMessageRows, toApiMessage } from "./message-row.ts";

// Lists (queues, filters, keyset pages) are in ../queues/list-messages.ts.

/** One message of the workspace with its full classification; null when there is none. */
export async function getMessage(db: Database, workspaceId: string, id: string): Promise<MessageDetail | null> {
  const [row] = await db
    .select({ classification: messages.classification })
    .from(messages)
    .where(and(eq(messages.id, id), eq(messages.workspaceId, workspaceId)))
    .limit(1);
  if (!row) return null;
  const [shown] = await selectMessageRows(db).where(eq(messages.id, id)).limit(1);
  return shown ? { ...toApiMessage(shown), classification: row.classification ?? null } : null;
}
