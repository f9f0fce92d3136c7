import type { Logger } from "../lib/logger.ts";
import type { EventBus } from "./event-bus.ts";
import { createListenerSet } from "./listener-set.ts";

/**
 * The bus within one process: enough for PGlite, which one process owns. Listeners run on a
 * later tick so a publisher (often in the middle of a request) never waits for them.
 */
export function createLocalEventBus(logger: Logger): EventBus {
  const listeners = createListenerSet((error) => logger.error("live event listener failed", { error: String(error) }));
  return {
    publish: (event) => queueMicrotask(() => listeners.emit(event)),
    subscribe: (listener) => listeners.add(listener),
    close: async () => listeners.clear(),
  };
}
