import { and, eq, isNull } from "drizzle-orm";
import type { Label } from "@surgedesk/shared";
import type { Database } from "../../db/client.ts";
import { macros } from "../../db/schema/index.ts";

/** A saved reply the team can send in one click, and the case types it answers. */
export interface Macro {
  id: string;
  title: string;
  labels: Label[];
}

/**
 * Where readiness looks for the brand's macros: the whole contract the spike code needs of the
 * reply engine, so either can change without the other.
 */
export interface MacroCatalog {
  listMacros(workspaceId: string): Promise<Macro[]>;
}

/** A fixed list, for tests and for brands configured in code. */
export function staticMacroCatalog(list: Macro[]): MacroCatalog {
  return { listMacros: async () => list };
}

/**
 * The reply engine's `macros` table (deleted ones left out), plus an optional seeded list; a
 * brand with no macro for a surging label is flagged.
 */
export function databaseMacroCatalog(db: Database, seeded: () => Macro[] = () => []): MacroCatalog {
  return {
    async listMacros(workspaceId) {
      const rows = await db
        .select({ id: macros.id, title: macros.title, labels: macros.labels })
        .from(macros)
        .where(and(eq(macros.workspaceId, workspaceId), isNull(macros.deletedAt)));
      return [...rows, ...seeded()];
    },
  };
}
