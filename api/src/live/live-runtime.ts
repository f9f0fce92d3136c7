import type { DatabaseHandle } from "../db/client.ts";
import { createEventBus } from "../events/create-event-bus.ts";
import type { EventBus } from "../events/event-bus.ts";
import { createBackgroundLoop } from "../lib/background-loop.ts";
import type { Logger } from "../lib/logger.ts";
import { wakeSnoozed } from "../triage/wake-snoozed.ts";
import { createPresenceStore, type PresenceStore } from "./presence-store.ts";
import { createLiveStreams, type LiveStreams } from "./live-streams.ts";

/** How often snoozed messages are checked for having come due. */
const SNOOZE_CHECK_MS = 30_000;

export interface LiveRuntime {
  events: EventBus;
  presence: PresenceStore;
  /** The consoles' open streams, ended (told to reconnect) at shutdown. */
  streams: LiveStreams;
  /** Wakes due snoozes now (the loop does it every 30 s once started). */
  wakeSnoozed(now?: Date): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** The live side of the console: the event bus, presence, and snoozes coming due. */
export function createLiveRuntime({ database, logger }: { database: DatabaseHandle; logger: Logger }): LiveRuntime {
  const events = createEventBus(database, logger);
  const presence = createPresenceStore(events);
  const streams = createLiveStreams();
  const wake = (now?: Date) => wakeSnoozed(database.db, events, now);
  const snoozes = createBackgroundLoop(() => wake(), SNOOZE_CHECK_MS, (error) =>
    logger.error("waking snoozed messages failed", { error: error instanceof Error ? error.message : String(error) }),
  );
  return {
    events,
    presence,
    streams,
    wakeSnoozed: wake,
    start: () => snoozes.start(),
    async stop() {
      await streams.endAll();
      await snoozes.stop();
      presence.close();
      await events.close();
    },
  };
}
