/** Live updates arriving together are looked up together. */
export const LIVE_BATCH_MS = 150;
/** The most ids one lookup asks for (the API's page limit). */
export const LIVE_BATCH_IDS = 200;

export interface LiveBatch {
  /** Ids from one live event. */
  add(ids: readonly string[]): void;
  /** Drops what is waiting (the page is going away). */
  cancel(): void;
}

/**
 * Collects the ids of live events for `delayMs` from the first one, then hands them on once
 * each (an id changed twice in the window is asked about once), in chunks one request can take.
 */
export function createLiveBatch(flush: (ids: string[]) => void, delayMs = LIVE_BATCH_MS, maxIds = LIVE_BATCH_IDS): LiveBatch {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    add(ids: readonly string[]) {
      for (const id of ids) pending.add(id);
      timer ??= setTimeout(() => {
        timer = null;
        const all = [...pending];
        pending.clear();
        for (let i = 0; i < all.length; i += maxIds) flush(all.slice(i, i + maxIds));
      }, delayMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
