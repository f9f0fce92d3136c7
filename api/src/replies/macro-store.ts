import { and, asc, eq, isNull } from "drizzle-orm";
import type { Macro, MacroInput, MacroPatch } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { macros } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { MACRO_LIBRARY } from "./macro-library.ts";
import { newId } from "../lib/ids.ts";

type MacroRow = typeof macros.$inferSelect;

export function macroView(row: MacroRow): Macro {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    body: row.body,
    channel: row.channel,
    labels: row.labels,
    language: row.language,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Workspaces whose library this process has already seeded; seeding is idempotent anyway. */
const seeded = new WeakMap<object, Set<string>>();

/**
 * Adds the standard library to a workspace, once: each macro has a stable key, so a second
 * run (or another replica) inserts nothing, and a seeded macro a brand deleted stays deleted.
 */
export async function ensureMacroLibrary(db: Database, workspaceId: string): Promise<void> {
  const done = seeded.get(db) ?? new Set<string>();
  seeded.set(db, done);
  if (done.has(workspaceId)) return;
  await db
    .insert(macros)
    .values(MACRO_LIBRARY.map((m) => ({ id: newId("mac"), workspaceId, ...m })))
    .onConflictDoNothing();
  done.add(workspaceId);
}

export async function listMacros(db: Database, workspaceId: string): Promise<MacroRow[]> {
  await ensureMacroLibrary(db, workspaceId);
  return db
    .select()
    .from(macros)
    .where(and(eq(macros.workspaceId, workspaceId), isNull(macros.deletedAt)))
    .orderBy(asc(macros.title), asc(macros.language));
}

export async function getMacro(db: Executor, workspaceId: string, id: string): Promise<MacroRow | undefined> {
  const [row] = await db
    .select()
    .from(macros)
    .where(and(eq(macros.id, id), eq(macros.workspaceId, workspaceId), isNull(macros.deletedAt)));
  return row;
}

export async function insertMacro(db: Executor, workspaceId: string, input: MacroInput): Promise<MacroRow> {
  const [row] = await db.insert(macros).values({ id: newId("mac"), workspaceId, ...input }).returning();
  return row!;
}

export async function patchMacro(db: Executor, workspaceId: string, id: string, patch: MacroPatch): Promise<MacroRow | undefined> {
  const [row] = await db
    .update(macros)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(macros.id, id), eq(macros.workspaceId, workspaceId), isNull(macros.deletedAt)))
    .returning();
  return row;
}

export async function softDeleteMacro(db: Executor, workspaceId: string, id: string): Promise<MacroRow | undefined> {
  const [row] = await db
    .update(macros)
    .set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(macros.id, id), eq(macros.workspaceId, workspaceId), isNull(macros.deletedAt)))
    .returning();
  return row;
}
