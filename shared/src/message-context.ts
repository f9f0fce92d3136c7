import { z } from "zod";
import { messageSchema } from "./message.ts";

export const postContextSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  productType: z.string().nullable(),
  caption: z.string().nullable(),
  permalink: z.string().nullable(),
  /** As in `PostSummary`: the console's own address of the post's picture. */
  thumbnail: z.string().nullable(),
  publishedAt: z.string().datetime().nullable(),
  campaigns: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type PostContext = z.infer<typeof postContextSchema>;

/** Everything around one message an agent needs to answer it well. */
export const messageContextSchema = z.object({
  post: postContextSchema.nullable(),
  /** The conversation the message is part of, oldest first (the message itself included). */
  thread: z.array(messageSchema),
  /** The messages of its item (the buyer's conversation: their messages and the brand's replies), oldest first. */
  item: z.array(messageSchema),
  /** The same buyer's other comments and DMs, newest first. */
  authorHistory: z.array(messageSchema),
});
export type MessageContext = z.infer<typeof messageContextSchema>;
