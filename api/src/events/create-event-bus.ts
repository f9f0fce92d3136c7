import type { DbDriver } from "@surgedesk/shared";
import type { Logger } from "../lib/logger.ts";
import type { EventBus } from "./event-bus.ts";
import { createLocalEventBus } from "./local-event-bus.ts";
import { createPostgresEventBus } from "./postgres-event-bus.ts";

/**
 * PostgreSQL may be shared by several processes, so its bus goes through LISTEN/NOTIFY; PGlite
 * belongs to one process, whose in-process bus is all there is.
 */
export function createEventBus(database: { driver: DbDriver; url?: string | undefined }, logger: Logger): EventBus {
  return database.driver === "postgres" && database.url ? createPostgresEventBus(database.url, logger) : createLocalEventBus(logger);
}
