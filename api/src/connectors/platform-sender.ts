import type { Config } from "../config.ts";
import type { ConnectedAccount, OutboxRow } from "../db/types.ts";

/** What a connector's sender is built from, for one outbox row. */
export interface SenderInput {
  config: Config;
  account: ConnectedAccount;
  /** Decrypted for this send only. */
  token: string;
  row: OutboxRow;
  fetch?: typeof fetch;
}

export interface Delivered {
  /** The platform's id of what was sent; null when the platform did not say (see `alreadyDelivered`). */
  externalId: string | null;
}

/**
 * What the outbox needs of a platform for one row: send it, and after an attempt whose answer
 * was lost, find out whether the platform has it already.
 */
export interface PlatformSender {
  send(): Promise<Delivered>;
  /**
   * Looks on the platform for this row's message (same author, target and text, written since
   * the row was queued, not claimed by another row). `unknown` when the platform offers no way
   * to look: the outbox then refuses to risk a second send.
   */
  findExisting(excludeIds: ReadonlySet<string>): Promise<Delivered | null | "unknown">;
  /**
   * True when this error itself proves the message is on the platform: Instagram refuses a
   * second Private Reply to a comment, which is the platform's own idempotency.
   */
  alreadyDelivered(error: unknown): boolean;
}
