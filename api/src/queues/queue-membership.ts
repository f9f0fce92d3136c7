import type { EscalationLevel, Label, MessageDirection, MessageStatus, QueueDefinition } from "@surgedesk/shared";

/** The columns that decide which queues a message is in: the key the queue tallies count by. */
export interface TallyKey {
  status: MessageStatus;
  label: Label | null;
  needsLabel: boolean;
  escalationLevel: EscalationLevel | null;
  direction: MessageDirection;
  /** The brand has answered it (it has a first response). */
  answered: boolean;
}

/**
 * Whether messages of this key are in the queue: a queue's fixed filter read the way
 * `filterConditions` writes it in SQL (message-filter-sql.ts). The kept counts apply queues
 * with this and the lists with that, so queue-counts.test.ts checks both agree on every key.
 */
export function queueIncludes(queue: QueueDefinition, key: TallyKey): boolean {
  if (queue.statuses && !queue.statuses.includes(key.status)) return false;
  if (queue.labels && (key.label === null || !queue.labels.includes(key.label))) return false;
  if (queue.excludeLabels && key.label !== null && queue.excludeLabels.includes(key.label)) return false;
  if (queue.escalations && (key.escalationLevel === null || !queue.escalations.includes(key.escalationLevel))) return false;
  if (queue.needsLabel !== undefined && key.needsLabel !== queue.needsLabel) return false;
  if (queue.unanswered && (key.direction !== "inbound" || key.answered)) return false;
  return true;
}

/** Waiting for a first answer: the SLA timer runs (inbound, not closed, unanswered). */
export function awaitingFirstResponse(key: TallyKey): boolean {
  return key.direction === "inbound" && key.status !== "closed" && !key.answered;
}
