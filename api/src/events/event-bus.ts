import type { OrderSystem, PresenceActivity } from "@surgedesk/shared";

/** New or changed messages: ids only, so an event stays small whatever the batch held. */
export interface MessagesBusEvent {
  type: "messages";
  workspaceId: string;
  change: "created" | "updated";
  ids: string[];
}

/** A console's presence heartbeat (`activity`), or its leaving a message (`activity: null`). */
export interface PresenceBusEvent {
  type: "presence";
  workspaceId: string;
  messageId: string;
  clientId: string;
  userId: string;
  name: string;
  activity: PresenceActivity | null;
  /** The console's sequence number: of two events for one console and message, the higher wins. */
  seq: number;
}

/** An order its system said changed (a shop webhook): consoles showing it read it again. */
export interface OrderBusEvent {
  type: "order";
  workspaceId: string;
  system: OrderSystem;
  orderId: string;
}


/** A moderation rule's "notify" action: a notice for every open console of the workspace. */
export interface ModerationNoticeBusEvent {
  type: "moderation_notice";
  workspaceId: string;
  messageId: string;
  ruleName: string;
  note: string | null;
}

/** A note was added to a message: consoles showing it re-read its notes; mentioned users are told. */
export interface NoteBusEvent {
  type: "note";
  workspaceId: string;
  messageId: string;
  noteId: string;
  /** Who wrote it (null: Surgedesk itself), so a console can name them in the notification. */
  authorName: string | null;
  mentionedUserIds: string[];
}

/** A refund started or stopped waiting for an admin's approval: admins' consoles re-read the count. */
export interface ApprovalsBusEvent {
  type: "approvals";
  workspaceId: string;
}

export type BusEvent = MessagesBusEvent | PresenceBusEvent | OrderBusEvent | ModerationNoticeBusEvent | NoteBusEvent | ApprovalsBusEvent;
export type BusListener = (event: BusEvent) => void;

/**
 * Publish/subscribe for live updates. Every listener in every process sharing the database
 * hears every event, the publisher's own included; delivery is best-effort (a console that
 * missed something catches up on its next read), never a substitute for the database.
 */
export interface EventBus {
  publish(event: BusEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: BusListener): () => void;
  close(): Promise<void>;
}
