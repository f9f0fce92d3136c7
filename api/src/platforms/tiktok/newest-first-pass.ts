import { z } from "zod";
import type { SyncCursor } from "../../connectors/contract.ts";

/** One item of a page, as far as pass bookkeeping cares. */
export interface PassItem {
  id: string;
  createdAt: Date | null;
}

export interface PassOptions {
  /**
   * The list is sorted newest first, so an item older than the mark means the mark is behind
   * us even if it was deleted. Off for lists whose order is not guaranteed: only the mark's id
   * stops those.
   */
  stopAtOlderThanMark: boolean;
  /** Every so often walk past the mark, to see what changed on older items (new replies). */
  sweepEveryMs: number | null;
  /** A pass without a mark (the first) or a sweep goes back this far, not to the beginning. */
  horizonMs: number | null;
}

/** Kept in `sync_cursors.state` between the pages of a pass. */
const stateSchema = z.object({
  /** The newest item of the pass in progress: the next pass's mark once this one completes. */
  pass: z.object({ newestId: z.string(), newestAt: z.string().nullable() }).nullish(),
  sweep: z.boolean().nullish(),
  lastSweepAt: z.string().nullish(),
});
type PassState = z.infer<typeof stateSchema>;

export interface PassStep {
  /** True when this page ended the pass. */
  complete: boolean;
  sweep: boolean;
  /** The offset to read next, or null when the pass is complete. */
  pageCursor: string | null;
  state: Record<string, unknown>;
  /** The mark for the next pass; only moved when a pass completes. */
  newestSeenId: string | null;
  newestSeenAt: Date | null;
}

function newestOf(items: PassItem[]): PassItem | undefined {
  // Not simply the first: a pinned comment is listed first whatever its age.
  let newest: PassItem | undefined;
  for (const item of items) {
    if (!newest || (item.createdAt?.getTime() ?? -Infinity) > (newest.createdAt?.getTime() ?? -Infinity)) newest = item;
  }
  return newest;
}

/**
 * Bookkeeping for an incremental pass over a newest-first list paged by offset: read pages
 * until the newest item seen by the previous completed pass (the mark), then stop. The pass's
 * own newest item is kept in `state` until it completes, and only then becomes the mark, so a
 * pass interrupted by a crash or a throttle resumes with the right stopping point. Items that
 * arrive mid-pass shift offsets forward: they are read twice at worst (ingestion deduplicates),
 * never skipped, and the next pass starts above them.
 */
export function advancePass(
  cursor: Pick<SyncCursor, "pageCursor" | "state" | "newestSeenId" | "newestSeenAt">,
  page: { items: PassItem[]; hasMore: boolean; nextOffset: number | null },
  options: PassOptions,
  now: Date,
): PassStep {
  const saved: PassState = stateSchema.safeParse(cursor.state).data ?? {};
  const starting = cursor.pageCursor === null;
  const offset = starting ? 0 : Number(cursor.pageCursor);
  const lastSweepAt = saved.lastSweepAt ? new Date(saved.lastSweepAt) : null;
  const markId = cursor.newestSeenId;
  const markAt = cursor.newestSeenAt;

  const sweep = starting
    ? markId === null ||
      (options.sweepEveryMs !== null && (!lastSweepAt || now.getTime() - lastSweepAt.getTime() >= options.sweepEveryMs))
    : saved.sweep === true;

  let pass = starting ? null : (saved.pass ?? null);
  const pageNewest = newestOf(page.items);
  if (pageNewest) {
    const known = pass?.newestAt ? new Date(pass.newestAt).getTime() : -Infinity;
    if (!pass || (pageNewest.createdAt?.getTime() ?? -Infinity) > known) {
      pass = { newestId: pageNewest.id, newestAt: pageNewest.createdAt?.toISOString() ?? null };
    }
  }

  const last = page.items.at(-1);
  const reachedMark =
    !sweep &&
    markId !== null &&
    (page.items.some((item) => item.id === markId) ||
      (options.stopAtOlderThanMark && markAt !== null && !!last?.createdAt && last.createdAt < markAt));
  const pastHorizon =
    (sweep || markId === null) &&
    options.horizonMs !== null &&
    !!last?.createdAt &&
    now.getTime() - last.createdAt.getTime() > options.horizonMs;
  // A cursor that does not move forward would loop forever: treat it as the end.
  const canContinue = page.hasMore && page.items.length > 0 && page.nextOffset !== null && page.nextOffset > offset;
  const complete = reachedMark || pastHorizon || !canContinue;

  if (!complete) {
    return {
      complete,
      sweep,
      pageCursor: String(page.nextOffset),
      state: { pass, sweep, lastSweepAt: saved.lastSweepAt ?? null },
      newestSeenId: markId,
      newestSeenAt: markAt,
    };
  }
  const passNewestAt = pass?.newestAt ? new Date(pass.newestAt) : null;
  // Never move the mark back in time (the newest item may have been deleted since).
  const advance = pass !== null && (markAt === null || passNewestAt === null || passNewestAt >= markAt);
  return {
    complete,
    sweep,
    pageCursor: null,
    state: { lastSweepAt: sweep ? now.toISOString() : (saved.lastSweepAt ?? null) },
    newestSeenId: advance && pass ? pass.newestId : markId,
    newestSeenAt: advance ? passNewestAt : markAt,
  };
}
