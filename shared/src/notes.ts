import { z } from "zod";

/** Internal notes are for the team: never sent to a platform, never shown to the buyer. */
export const NOTE_MAX_LENGTH = 5000;
/** A note may mention this many colleagues at most: a mention is a notification, not a broadcast. */
export const NOTE_MAX_MENTIONS = 20;

export const noteUserSchema = z.object({ id: z.string(), name: z.string() });

export const noteSchema = z
  .object({
    id: z.string(),
    messageId: z.string(),
    /** Null for what Surgedesk itself wrote (an order action's result, for example). */
    author: noteUserSchema.nullable(),
    body: z.string(),
    mentions: z.array(noteUserSchema),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Note" });
export type Note = z.infer<typeof noteSchema>;

export const noteListSchema = z.object({ items: z.array(noteSchema) }).meta({ id: "NoteList" });
export type NoteList = z.infer<typeof noteListSchema>;

export const noteCreateSchema = z
  .object({
    body: z.string().trim().min(1, "A note needs some text.").max(NOTE_MAX_LENGTH),
    /** The colleagues the composer's @-picker chose; each must be a user of this workspace. */
    mentionUserIds: z.array(z.string().min(1).max(100)).max(NOTE_MAX_MENTIONS).default([]),
  })
  .meta({ id: "NoteCreate" });
export type NoteCreate = z.input<typeof noteCreateSchema>;
