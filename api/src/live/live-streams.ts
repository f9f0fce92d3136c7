/** How soon a console told to reconnect tries again: long enough for a restart to be under way. */
export const RECONNECT_AFTER_MS = 2_000;

/** A stream's way to end itself: tell its console to reconnect, then close. */
export type EndStream = () => Promise<void>;

/**
 * The open live streams of this process, so a shutdown can end them: an open stream would
 * otherwise hold its connection, and the server's close, for as long as the console stays.
 * A user whose sessions were ended (new password or role, disabled) loses their streams too.
 */
export interface LiveStreams {
  /** Registers a user's stream; returns the function that forgets it (when its console left). */
  add(userId: string, end: EndStream): () => void;
  /** True once `endAll` ran: a stream opened now is ended at once. */
  readonly ending: boolean;
  /** Tells every open console to reconnect and closes its stream. */
  endAll(): Promise<void>;
  /** Ends one user's streams; their consoles reconnect, and are asked to sign in if they must. */
  endFor(userId: string): Promise<void>;
  /**
   * The users with at least one open stream to this process: who is "online" for a rule's
   * round-robin assignment. Another API process's consoles are not seen here.
   */
  onlineUserIds(): string[];
}

export function createLiveStreams(): LiveStreams {
  const open = new Map<EndStream, string>();
  let ending = false;
  const endEach = (ends: EndStream[]) => {
    for (const end of ends) open.delete(end);
    return Promise.all(ends.map((end) => end().catch(() => undefined))).then(() => undefined);
  };
  return {
    add(userId, end) {
      open.set(end, userId);
      return () => void open.delete(end);
    },
    get ending() {
      return ending;
    },
    endAll() {
      ending = true;
      return endEach([...open.keys()]);
    },
    onlineUserIds() {
      return [...new Set(open.values())];
    },
    endFor(userId) {
      return endEach([...open].filter(([, owner]) => owner === userId).map(([end]) => end));
    },
  };
}
