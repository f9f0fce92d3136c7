/** One server-sent event as a test reads it. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * Reads a text/event-stream response event by event, for tests: `next` waits for the next
 * event that passes `accept` (skipping others), up to a timeout.
 */
export function readSse(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const seen: SseEvent[] = [];
  // A read still pending when a wait timed out is kept for the next wait, so no chunk is lost.
  let pending: ReturnType<typeof reader.read> | null = null;

  function take(): SseEvent | null {
    const end = buffer.indexOf("\n\n");
    if (end === -1) return null;
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    }
    if (data.length === 0) return take();
    return { event, data: JSON.parse(data.join("\n")) as unknown };
  }

  return {
    /** Every event read so far, accepted or not. */
    seen,
    async next(accept: (event: SseEvent) => boolean = () => true, timeoutMs = 5_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (let event = take(); event; event = take()) {
          seen.push(event);
          if (accept(event)) return event;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(seen.map((e) => e.event))}`);
        let timer: NodeJS.Timeout | undefined;
        pending ??= reader.read();
        const chunk = await Promise.race([
          pending,
          new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left))),
        ]).finally(() => clearTimeout(timer));
        if (chunk === null) continue;
        pending = null;
        if (chunk.done) throw new Error("the stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}
