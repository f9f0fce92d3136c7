/**
 * What the emulated API does instead of answering:
 * - `throttle`: HTTP 200 with `code: 40100`, as TikTok throttles (no header says how long);
 * - `http429`: HTTP 429 with `Retry-After`, as a gateway in front of it may;
 * - `server_error`: HTTP 500 with an HTML body;
 * - `internal_error`: HTTP 200 with TikTok's internal-error code.
 * A token that expires is state, not a fault: see `TikTokBusinessWorld.expireToken`.
 */
export type Fault =
  | { kind: "throttle" }
  | { kind: "http429"; retryAfterSeconds: number }
  | { kind: "server_error" }
  | { kind: "internal_error" };

/** Failures queued for the next calls, in order; an empty plan answers normally. */
export class FaultPlan {
  private readonly queue: { fault: Fault; businessId: string | null }[] = [];
  /** Calls answered with a fault so far. */
  injected = 0;

  /**
   * The next `times` calls fail with this fault (after any already queued): any account's
   * calls, or only those made with one business account's token.
   */
  inject(fault: Fault, times = 1, only: { businessId?: string } = {}): void {
    for (let i = 0; i < times; i++) this.queue.push({ fault, businessId: only.businessId ?? null });
  }

  /** The fault for a call made for this business (null when the token is unknown), if any. */
  take(businessId: string | null): Fault | undefined {
    const index = this.queue.findIndex((entry) => entry.businessId === null || entry.businessId === businessId);
    if (index < 0) return undefined;
    const [entry] = this.queue.splice(index, 1);
    this.injected += 1;
    return entry?.fault;
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }
}
