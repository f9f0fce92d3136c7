import { z } from "zod";
import type { InstagramWorld } from "./instagram-world.ts";

const commentValueSchema = z.object({
  id: z.string(),
  text: z.string(),
  from: z.object({ id: z.string(), username: z.string() }),
  media: z.object({ id: z.string(), media_product_type: z.string().optional() }),
  parent_id: z.string().optional(),
});
const dmSchema = z.object({ sender: z.object({ id: z.string() }), timestamp: z.number(), message: z.object({ text: z.string().optional(), is_echo: z.boolean().optional() }) });
const deliverySchema = z.object({
  entry: z.array(z.object({ time: z.number(), changes: z.array(z.object({ value: z.unknown() })).optional(), messaging: z.array(z.unknown()).optional() })),
});

/**
 * Puts what an Instagram webhook delivery carries — comments (and the media they are on) and
 * customers' DMs — into an emulated Instagram with the delivery's ids, so replying to a message
 * that arrived by webhook reaches something the "platform" knows. Used by demo mode for the
 * recorded launch and the demo surge. `captionFor` names a media the world does not have yet.
 */
export function mirrorInstagramDelivery(world: InstagramWorld, accountId: string, delivery: unknown, captionFor: (mediaId: string) => string): void {
  const parsed = deliverySchema.safeParse(delivery);
  if (!parsed.success) return;
  for (const entry of parsed.data.entry) {
    const at = new Date(entry.time * 1000);
    for (const change of entry.changes ?? []) {
      const comment = commentValueSchema.safeParse(change.value);
      if (!comment.success || world.hasComment(comment.data.id)) continue;
      const { id, text, from, media, parent_id: parentId } = comment.data;
      if (!world.hasMedia(media.id)) {
        world.addMedia(accountId, {
          id: media.id,
          productType: media.media_product_type === "REELS" ? "REELS" : "FEED",
          caption: captionFor(media.id),
          timestamp: new Date(at.getTime() - 3 * 3_600_000),
        });
      }
      const parent = parentId && world.hasComment(parentId) ? parentId : undefined;
      world.addComment(media.id, { id, text, from, timestamp: at, ...(parent && { parentId: parent }) });
    }
    for (const item of entry.messaging ?? []) {
      const dm = dmSchema.safeParse(item);
      if (!dm.success || dm.data.message.is_echo || !dm.data.message.text) continue;
      world.receiveMessage(accountId, { from: dm.data.sender.id, text: dm.data.message.text, at: new Date(dm.data.timestamp) });
    }
  }
}
