import { inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import type { EventBus } from "./event-bus.ts";

/**
 * Tells the consoles about messages ingestion just committed, one event per workspace. Runs
 * after the batch's transaction, off the ingest path: a failure here loses a live update, never
 * a message.
 */
export async function publishStoredMessages(db: Database, events: EventBus, ids: readonly string[], change: "created" | "updated" = "created"): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: messages.id, workspaceId: messages.workspaceId })
    .from(messages)
    .where(inArray(messages.id, [...ids]));
  const byWorkspace = new Map<string, string[]>();
  for (const row of rows) {
    const list = byWorkspace.get(row.workspaceId);
    if (list) list.push(row.id);
    else byWorkspace.set(row.workspaceId, [row.id]);
  }
  for (const [workspaceId, workspaceIds] of byWorkspace) events.publish({ type: "messages", workspaceId, change, ids: workspaceIds });
}

/**
 * The same for messages whose workspace is known (ingestion's batch): grouped here, no query.
 * A batch's new messages go out as one event per workspace, however many there are.
 */
export function publishMessagesOf(events: EventBus, stored: readonly { id: string; workspaceId: string }[], change: "created" | "updated" = "created"): void {
  const byWorkspace = new Map<string, string[]>();
  for (const { id, workspaceId } of stored) {
    const list = byWorkspace.get(workspaceId);
    if (list) list.push(id);
    else byWorkspace.set(workspaceId, [id]);
  }
  for (const [workspaceId, ids] of byWorkspace) events.publish({ type: "messages", workspaceId, change, ids });
}
