import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Logger } from "../lib/logger.ts";
import type { BusEvent, EventBus } from "./event-bus.ts";
import { createListenerSet } from "./listener-set.ts";

export const EVENTS_CHANNEL = "surgedesk_events";
/** NOTIFY payloads must stay under 8000 bytes: long id lists go out in several notifications. */
const IDS_PER_NOTIFY = 150;
const RECONNECT_MS = 2_000;
/** A notify on a half-open connection would hold every later one behind it: give up on it. */
const NOTIFY_TIMEOUT_MS = 10_000;

interface Envelope {
  /** The publishing process, which has already delivered the event to its own listeners. */
  origin: string;
  event: BusEvent;
}

function split(event: BusEvent): BusEvent[] {
  if (event.type !== "messages" || event.ids.length <= IDS_PER_NOTIFY) return [event];
  const parts: BusEvent[] = [];
  for (let i = 0; i < event.ids.length; i += IDS_PER_NOTIFY) parts.push({ ...event, ids: event.ids.slice(i, i + IDS_PER_NOTIFY) });
  return parts;
}

/**
 * The bus across processes sharing one PostgreSQL: LISTEN on a connection of its own, NOTIFY to
 * publish. Local listeners hear an event at once; other processes through the database. A lost
 * connection is re-established; events sent while it was down are missed (consoles re-read on
 * reconnect, so nothing stays wrong).
 */
export interface PostgresEventBus extends EventBus {
  /** Settles once the first LISTEN is in place (or failed and a reconnect is scheduled). */
  ready: Promise<void>;
}

export function createPostgresEventBus(databaseUrl: string, logger: Logger): PostgresEventBus {
  const origin = randomBytes(8).toString("hex");
  const listeners = createListenerSet((error) => logger.error("live event listener failed", { error: String(error) }));
  let client: pg.Client | null = null;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let sending: Promise<void> = Promise.resolve();

  async function connect() {
    const next = new pg.Client({ connectionString: databaseUrl, query_timeout: NOTIFY_TIMEOUT_MS });
    next.on("notification", (message) => {
      if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
      try {
        const envelope = JSON.parse(message.payload) as Envelope;
        if (envelope.origin !== origin) listeners.emit(envelope.event);
      } catch (error) {
        logger.warn("unreadable live event", { error: String(error) });
      }
    });
    const lost = (reason: string) => {
      if (client !== next) return;
      logger.warn("live event connection lost", { reason });
      client = null;
      void next.end().catch(() => undefined);
      scheduleReconnect();
    };
    next.on("error", (error) => lost(error.message));
    next.on("end", () => lost("ended"));
    await next.connect();
    await next.query(`LISTEN ${EVENTS_CHANNEL}`);
    if (closed) await next.end();
    else client = next;
  }

  function scheduleReconnect() {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch((error: unknown) => {
        logger.warn("live event reconnect failed", { error: String(error) });
        scheduleReconnect();
      });
    }, RECONNECT_MS);
  }

  const ready = connect().catch((error: unknown) => {
    logger.error("live events from other processes unavailable; retrying", { error: String(error) });
    scheduleReconnect();
  });

  return {
    ready,
    publish(event) {
      queueMicrotask(() => listeners.emit(event));
      const sender = client;
      if (!sender) return;
      for (const part of split(event)) {
        const payload = JSON.stringify({ origin, event: part } satisfies Envelope);
        // One query at a time on the connection, in publish order (pg is dropping its own queue).
        sending = sending
          // A connection replaced meanwhile is gone: what was queued for it is missed, not stuck.
          .then(() => (client === sender ? sender.query("select pg_notify($1, $2)", [EVENTS_CHANNEL, payload]) : undefined))
          .then(
            () => undefined,
            (error: unknown) => logger.warn("live event not sent to other processes", { error: String(error) }),
          );
      }
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await ready;
      listeners.clear();
      await sending;
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
