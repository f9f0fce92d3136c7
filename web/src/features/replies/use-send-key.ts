import { useRef } from "react";

const newKey = () => `console-${crypto.randomUUID()}`;

/**
 * One idempotency key per intended send. While the agent is sending the same thing — a double
 * click, or Send again after a timeout whose request may well have reached the server — the key
 * stays the same, so the outbox queues the reply once. It changes when what is sent changes, and
 * after a send succeeded, so the next reply is a new send.
 */
export function useSendKey() {
  const last = useRef<{ intent: string; key: string } | null>(null);
  return {
    /** The key for sending `intent` (the request body without its key), read when Send is pressed. */
    keyFor(intent: unknown): string {
      const serialized = JSON.stringify(intent);
      if (last.current?.intent !== serialized) last.current = { intent: serialized, key: newKey() };
      return last.current.key;
    },
    /** The send landed: the same text sent again later is a new reply. */
    sent() {
      last.current = null;
    },
  };
}
