/** How soon a console told to reconnect tries again: long enough for a restart to be under way. */
export const RECONNECT_AFTER_MS = 2_000;

/** A stream's way to end itself: tell its console to reconnect, then close. */
export type EndStream = () => Promise<void>;

/**
 * The open live streams of this process, so a shutdown can end them: an open stream would
 * otherwise hold its connection, and the server's close, for as long as the console stays.
 */
export interface LiveStreams {
  /** Registers a stream; returns the function that forgets it (when its console left). */
  add(end: EndStream): () => void;
  /** True once `endAll` ran: a stream opened now is ended at once. */
  readonly ending: boolean;
  /** Tells every open console to reconnect and closes its stream. */
  endAll(): Promise<void>;
}

export function createLiveStreams(): LiveStreams {
  const open = new Set<EndStream>();
  let ending = false;
  return {
    add(end) {
      open.add(end);
      return () => void open.delete(end);
    },
    get ending() {
      return ending;
    },
    async endAll() {
      ending = true;
      const all = [...open];
      open.clear();
      await Promise.all(all.map((end) => end().catch(() => undefined)));
    },
  };
}
