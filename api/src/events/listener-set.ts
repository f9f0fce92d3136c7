import type { BusEvent, BusListener } from "./event-bus.ts";

/** The listeners of one process; a throwing listener never keeps the event from the others. */
export function createListenerSet(onError: (error: unknown) => void) {
  const listeners = new Set<BusListener>();
  return {
    add(listener: BusListener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(event: BusEvent) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
