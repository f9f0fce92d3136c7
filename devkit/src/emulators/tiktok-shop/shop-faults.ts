/** What the emulator answers instead of serving a call. */
export type ShopFault =
  | { kind: "throttle"; retryAfterSeconds: number | null; inEnvelope: boolean }
  | { kind: "server_error" }
  | { kind: "token_expired" }
  /** The call is served (its effect happens), then the connection drops before the answer. */
  | { kind: "lost_answer" };

interface FaultRule {
  fault: ShopFault;
  /** Matching calls still to fail; Infinity for all that follow. */
  remaining: number;
  match: (path: string) => boolean;
}

const any = () => true;

/**
 * Failure injection for the emulated Partner API, in the order faults were added; each rule
 * counts only the calls it matches. Throttling comes as HTTP 429 with Retry-After (or, with
 * `inEnvelope`, as HTTP 200 with a throttling code, as some gateways answer).
 */
export class ShopFaults {
  private rules: FaultRule[] = [];

  throttle(times: number, options: { retryAfterSeconds?: number | null; inEnvelope?: boolean; match?: (path: string) => boolean } = {}): this {
    const { retryAfterSeconds = 30, inEnvelope = false, match = any } = options;
    this.rules.push({ fault: { kind: "throttle", retryAfterSeconds, inEnvelope }, remaining: times, match });
    return this;
  }

  serverErrors(times: number, match: (path: string) => boolean = any): this {
    this.rules.push({ fault: { kind: "server_error" }, remaining: times, match });
    return this;
  }

  /** The next `times` matching calls are served, and their answers lost on the way back. */
  loseAnswers(times: number, match: (path: string) => boolean = any): this {
    this.rules.push({ fault: { kind: "lost_answer" }, remaining: times, match });
    return this;
  }

  /** Every following call is refused as an expired token (for all shops), until `clear()`. */
  expireTokens(match: (path: string) => boolean = any): this {
    this.rules.push({ fault: { kind: "token_expired" }, remaining: Number.POSITIVE_INFINITY, match });
    return this;
  }

  clear() {
    this.rules = [];
  }

  /** The fault for this call, if one is due; consumes it. */
  take(path: string): ShopFault | null {
    const rule = this.rules.find((r) => r.remaining > 0 && r.match(path));
    if (!rule) return null;
    rule.remaining -= 1;
    return rule.fault;
  }
}
