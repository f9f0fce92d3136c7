import { and, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import type { EventBus } from "../events/event-bus.ts";
import { addTag, removeTag } from "./item-tags.ts";
import { findTag, tagNotFound } from "./tag-store.ts";

/**
 * An agent puts a tag on one item or takes it off: both the item and the tag must be the
 * workspace's. Open consoles hear of it through the usual "messages updated" event.
 */
export async function tagItem(deps: { db: Database; events: EventBus }, actor: Actor, messageId: string, tagId: string, op: "add" | "remove") {
  const changed = await deps.db.transaction(async (tx) => {
    const [message] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.id, messageId), eq(messages.workspaceId, actor.workspaceId)));
    if (!message) throw new ApiError("not_found", "No message with that id.");
    const tag = await findTag(tx, actor.workspaceId, tagId);
    if (!tag) throw tagNotFound();
    const change = { actor, tag: { id: tag.id, name: tag.name }, messageIds: [messageId] };
    return op === "add" ? addTag(tx, change) : removeTag(tx, change);
  });
  if (changed.length > 0) deps.events.publish({ type: "messages", workspaceId: actor.workspaceId, change: "updated", ids: changed });
}
