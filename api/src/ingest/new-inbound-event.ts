import type { INBOUND_EVENT_SOURCES } from "../db/schema/index.ts";
import type { EventFormatName } from "./event-formats.ts";

export type InboundEventSource = (typeof INBOUND_EVENT_SOURCES)[number];

/** A raw platform delivery to store: written by the group-commit writer (inbound-event-writer.ts). */
export interface NewInboundEvent {
  format: EventFormatName;
  source: InboundEventSource;
  body: string;
  accountId?: string | null;
}
