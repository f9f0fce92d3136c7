import { Agent, request } from "node:http";
import type { SimulatedDelivery } from "./instagram-traffic.ts";

/**
 * POSTs with a keep-alive agent: node:http costs the sender far less CPU than fetch, and the
 * sender shares the machine with the server it measures.
 */
function post(agent: Agent, url: URL, delivery: SimulatedDelivery, signal?: AbortSignal): Promise<{ status: number; retryAfter: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { ...delivery.headers, "content-length": Buffer.byteLength(delivery.body) }, signal },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] !== undefined }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(delivery.body);
  });
}

export interface SimulationOptions {
  /** The server, or several sharing one database: deliveries go to each in turn. */
  url: string | readonly string[];
  /** Distinct events to send; duplicates come on top. */
  events: number;
  /** Share of extra re-deliveries of already-sent events (platforms deliver at least once). */
  duplicateShare: number;
  /** Target events per second; 0 sends as fast as the concurrency allows. */
  rate: number;
  concurrency: number;
  next: () => SimulatedDelivery;
  onProgress?: (sent: number, total: number) => void;
  /** Stop early (e.g. the server was killed); what was acknowledged so far is still reported. */
  signal?: AbortSignal;
  random?: () => number;
}

export interface SimulationResult {
  /** Deliveries answered 200, and the distinct events among them. */
  accepted: number;
  acceptedIds: Set<string>;
  refused: Map<number, number>;
  /** Refused deliveries that said when to come back (`Retry-After`). */
  refusedWithRetryAfter: number;
  failed: number;
  duplicatesSent: number;
  seconds: number;
}

/**
 * Sends signed deliveries through the real webhook endpoint with bounded concurrency and an
 * optional rate, re-sending a share of them as duplicates, and records what was acknowledged.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const random = options.random ?? Math.random;
  const total = Math.round(options.events * (1 + options.duplicateShare));
  const sent: SimulatedDelivery[] = [];
  const result: SimulationResult = {
    accepted: 0,
    acceptedIds: new Set(),
    refused: new Map(),
    refusedWithRetryAfter: 0,
    failed: 0,
    duplicatesSent: 0,
    seconds: 0,
  };
  let issued = 0;
  let fresh = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const targets = (typeof options.url === "string" ? [options.url] : options.url).map((url) => new URL(`${url}/webhooks/instagram`));
  // Build and sign every fresh delivery before the clock starts: the rate measured is the
  // server's, not the cost of making the traffic.
  const prepared = Array.from({ length: options.events }, () => options.next());
  const started = performance.now();

  const nextDelivery = (): SimulatedDelivery => {
    const duplicatesLeft = total - options.events - result.duplicatesSent;
    const freshLeft = options.events - fresh;
    if (sent.length > 0 && duplicatesLeft > 0 && (freshLeft === 0 || random() < duplicatesLeft / (duplicatesLeft + freshLeft))) {
      result.duplicatesSent += 1;
      return sent[Math.floor(random() * sent.length)]!;
    }
    const delivery = prepared[fresh]!;
    fresh += 1;
    sent.push(delivery);
    return delivery;
  };

  async function worker() {
    while (issued < total && !options.signal?.aborted) {
      const index = issued++;
      if (options.rate > 0) {
        const due = started + (index / options.rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const delivery = nextDelivery();
      try {
        const { status, retryAfter } = await post(agent, targets[index % targets.length]!, delivery, options.signal);
        if (status === 200) {
          result.accepted += 1;
          result.acceptedIds.add(delivery.externalId);
        } else {
          result.refused.set(status, (result.refused.get(status) ?? 0) + 1);
          if (retryAfter) result.refusedWithRetryAfter += 1;
        }
      } catch {
        result.failed += 1;
      }
      options.onProgress?.(index + 1, total);
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}
