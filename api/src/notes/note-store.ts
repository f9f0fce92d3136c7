import { and, arrayContains, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Note } from "@surgedesk/shared";
import { recordAudit } from "../audit/record-audit.ts";
import { messages, notes, users } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { ApiError } from "../errors/api-error.ts";
import { newId } from "../lib/ids.ts";
import { inSameItem } from "../conversations/item-of.ts";

export interface NewNote {
  workspaceId: string;
  messageId: string;
  /** Null: Surgedesk wrote it (an order action's result). */
  authorUserId: string | null;
  body: string;
  mentionUserIds?: readonly string[];
}

const author = alias(users, "note_author");

async function namesOf(db: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.id, [...ids]), eq(users.workspaceId, workspaceId), isNull(users.disabledAt)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

type NoteRow = typeof notes.$inferSelect & { authorName: string | null };

function noteOf(row: NoteRow, names: Map<string, string>): Note {
  return {
    id: row.id,
    messageId: row.messageId,
    author: row.authorUserId ? { id: row.authorUserId, name: row.authorName ?? "Former user" } : null,
    body: row.body,
    // A mentioned user who has since been disabled drops out of the list rather than showing an id.
    mentions: row.mentionedUserIds.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : [])),
    createdAt: row.createdAt.toISOString(),
  };
}

async function notesOf(db: Executor, workspaceId: string, rows: NoteRow[]): Promise<Note[]> {
  const names = await namesOf(db, workspaceId, [...new Set(rows.flatMap((r) => r.mentionedUserIds))]);
  return rows.map((row) => noteOf(row, names));
}

const selection = { ...notesColumns(), authorName: author.name };
function notesColumns() {
  const { id, workspaceId, messageId, authorUserId, body, mentionedUserIds, createdAt } = notes;
  return { id, workspaceId, messageId, authorUserId, body, mentionedUserIds, createdAt };
}

/**
 * Adds a note to a message of the workspace, in the caller's transaction. Mentions must name
 * active users of the same workspace: a mention is how a colleague gets notified, so a wrong id
 * is refused rather than silently dropped. Returns null when the message is not the workspace's.
 */
export async function addNote(db: Executor, input: NewNote): Promise<Note | null> {
  const [message] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.id, input.messageId), eq(messages.workspaceId, input.workspaceId)));
  if (!message) return null;
  const mentionIds = [...new Set(input.mentionUserIds ?? [])];
  const names = await namesOf(db, input.workspaceId, mentionIds);
  const unknown = mentionIds.find((id) => !names.has(id));
  if (unknown) throw new ApiError("validation_failed", "mentionUserIds: names someone who is not an active user of this workspace.");
  const [row] = await db
    .insert(notes)
    .values({ id: newId("note"), workspaceId: input.workspaceId, messageId: input.messageId, authorUserId: input.authorUserId, body: input.body, mentionedUserIds: mentionIds })
    .returning();
  const authorName = input.authorUserId ? ((await namesOf(db, input.workspaceId, [input.authorUserId])).get(input.authorUserId) ?? null) : null;
  const note = noteOf({ ...row!, authorName }, names);
  await recordAudit(db, { workspaceId: input.workspaceId, actorUserId: input.authorUserId, action: "note.add", entityType: "message", entityId: input.messageId, before: null, after: { noteId: note.id, mentions: mentionIds } });
  return note;
}

/** The notes on a message's item (any message of its conversation), oldest first: they read as a conversation. */
export async function listNotes(db: Executor, workspaceId: string, messageId: string): Promise<Note[]> {
  const rows = await db
    .select(selection)
    .from(notes)
    .leftJoin(author, eq(author.id, notes.authorUserId))
    .where(and(inSameItem(notes.messageId, messageId), eq(notes.workspaceId, workspaceId)))
    .orderBy(asc(notes.createdAt), asc(notes.id));
  return notesOf(db, workspaceId, rows);
}

/** The newest notes that mention a user, for the console's "Mentions" list. */
export async function listMentions(db: Executor, workspaceId: string, userId: string, limit = 50): Promise<Note[]> {
  const rows = await db
    .select(selection)
    .from(notes)
    .leftJoin(author, eq(author.id, notes.authorUserId))
    .where(and(eq(notes.workspaceId, workspaceId), arrayContains(notes.mentionedUserIds, [userId])))
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(limit);
  return notesOf(db, workspaceId, rows);
}
