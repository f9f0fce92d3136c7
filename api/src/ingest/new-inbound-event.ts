import type { INBOUND_EVENT_SOURCES } from "../db/schema/index.ts";

export type InboundEventSource = (typeof INBOUND_EVENT_SOURCES)[number];

/** A raw platform delivery to store: written by the group-commit writer (inbound-event-writer.ts). */
export interface NewInboundEvent {
  /** Names the connector that reads it (see connectors/registry.ts). */
  format: string;
  source: InboundEventSource;
  body: string;
  accountId?: string | null;
  /** Resolved to `accountId` when stored, if that platform account is connected. */
  accountRef?: { channel: string; externalAccountId: string } | null;
  /**
   * Identifies a signed delivery (a hash of its signature): the event is stored only if no
   * event with this key was stored within the replay window (see webhook-replay-claims.ts).
   */
  replayKey?: string | null;
}
