import type { ScenarioDelivery } from "./scenario-deliveries.ts";

export type SendDelivery = (path: string, body: string, headers: Record<string, string>) => Promise<number>;

export interface PlayOptions {
  /** Scenario minutes per real minute: 60 plays an hour in a minute; Infinity, as fast as possible. */
  speed: number;
  concurrency: number;
  send: SendDelivery;
  onProgress?: (done: number, total: number) => void;
  /** Called (awaited) before each delivery becomes due: the evaluation steps its clock here. */
  signal?: AbortSignal;
}

export interface PlayResult {
  acceptedIds: Set<string>;
  /** TikTok comments put into the emulated world (gathered by polling). */
  worldIds: string[];
  refused: Map<number, number>;
  failed: number;
  seconds: number;
}

/**
 * Plays deliveries on the scenario's clock, sped up: each is sent when its scenario time comes,
 * through bounded concurrency, and what the server acknowledged is recorded.
 */
export async function playDeliveries(deliveries: readonly ScenarioDelivery[], options: PlayOptions): Promise<PlayResult> {
  const result: PlayResult = { acceptedIds: new Set(), worldIds: [], refused: new Map(), failed: 0, seconds: 0 };
  const started = performance.now();
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < deliveries.length && !options.signal?.aborted) {
      const delivery = deliveries[next++]!;
      if (Number.isFinite(options.speed)) {
        const wait = started + delivery.atMs / options.speed - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      if (delivery.type === "world") {
        result.worldIds.push(delivery.apply());
      } else {
        try {
          const status = await options.send(delivery.path, delivery.body, delivery.headers(new Date()));
          if (status === 200) result.acceptedIds.add(delivery.externalId);
          else result.refused.set(status, (result.refused.get(status) ?? 0) + 1);
        } catch {
          result.failed += 1;
        }
      }
      options.onProgress?.((done += 1), deliveries.length);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
