import type { IngestStatus } from "@surgedesk/api/ingest/ingest-status.ts";

/** `headers` sign the request in: a session cookie or `Authorization: Bearer <API token>`. */
export async function readStatus(url: string, headers: Record<string, string> = {}): Promise<IngestStatus> {
  const response = await fetch(`${url}/api/ingest/status`, { headers });
  if (!response.ok) throw new Error(`GET /api/ingest/status answered ${response.status}`);
  return (await response.json()) as IngestStatus;
}

/** Waits until the server has processed every accepted event; returns the last status. */
export async function waitForDrain(
  url: string,
  { timeoutMs = 600_000, onTick, headers = {} }: { timeoutMs?: number; onTick?: (s: IngestStatus) => void; headers?: Record<string, string> } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await readStatus(url, headers);
    onTick?.(status);
    if (status.pendingEvents === 0) return status;
    if (Date.now() > deadline) throw new Error(`still ${status.pendingEvents} events pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
