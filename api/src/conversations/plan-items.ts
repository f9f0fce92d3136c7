import type { EscalationLevel, Label } from "@surgedesk/shared";
import type { SlaDeadlines } from "../sla/sla-deadlines.ts";
import { saysTheCase } from "./case-type.ts";
import { higherEscalation, type CurrentItem, type ItemHandOver } from "./supersede-items.ts";

/** A message of the batch, as far as its item is concerned. */
export interface PlannedRow extends SlaDeadlines {
  id: string;
  workspaceId: string;
  conversationKey: string | null;
  direction: "inbound" | "outbound";
  createdAt: Date;
  externalId: string;
  label: Label | null;
  labelScore: number | null;
  labelSource?: "model" | "agent";
  needsLabel: boolean;
  escalationLevel: EscalationLevel | null;
  escalationScore: number | null;
  isItem?: boolean;
  assigneeId?: string | null;
}

/** Newest first: by when it was written, then by platform id, so every run picks the same one. */
const newer = (a: { createdAt: Date; externalId: string }, b: { createdAt: Date; externalId: string }) =>
  a.createdAt.getTime() !== b.createdAt.getTime() ? a.createdAt > b.createdAt : a.externalId > b.externalId;

/**
 * Decides which message stands for each conversation's item once the batch is stored, and sets
 * it on the rows (mutating them before the INSERT):
 * - the newest customer message of the conversation — the batch's, or the stored item row if it
 *   is newer still (a poll bringing an older message late);
 * - the item's case type is its latest customer message's that says what the case is: a photo
 *   or a "thanks" (labelled other) keeps the case type the conversation had;
 * - a new item row takes over the item: its assignee, its escalation if higher (an item is as
 *   urgent as its most urgent open message), and its first-response deadlines while the brand has
 *   not answered yet (the customer has waited since their first unanswered message);
 * - several of the batch's messages in one new conversation: the newest stands for it, with the
 *   highest escalation among them and the earliest one's deadlines;
 * - the brand's own messages are shown within the item, never stand for one.
 * Returns the item rows replaced, and the stored ones that stay but were closed, pending or
 * snoozed: a new customer message opens them again.
 */
export function planItems(rows: PlannedRow[], current: ReadonlyMap<string, CurrentItem>): { handOvers: ItemHandOver[]; reopen: { id: string; workspaceId: string }[] } {
  const groups = new Map<string, PlannedRow[]>();
  for (const row of rows) {
    if (row.conversationKey === null) continue;
    if (row.direction === "outbound") {
      row.isItem = false;
      continue;
    }
    const group = groups.get(row.conversationKey);
    if (group) group.push(row);
    else groups.set(row.conversationKey, [row]);
  }
  const handOvers: ItemHandOver[] = [];
  const reopen: { id: string; workspaceId: string }[] = [];
  for (const [key, group] of groups) {
    let newest = group[0]!;
    let earliest = group[0]!;
    let mostUrgent = group[0]!;
    for (const row of group) {
      row.isItem = false;
      if (newer(row, newest)) newest = row;
      if (newer(earliest, row)) earliest = row;
      if (higherEscalation(mostUrgent, row) === row) mostUrgent = row;
    }
    const item = current.get(key);
    if (item && newer(item, newest)) {
      if (item.status !== "open") reopen.push({ id: item.id, workspaceId: newest.workspaceId });
      continue;
    }
    newest.isItem = true;
    if (!saysTheCase(newest.label)) {
      const byTime = [...group].sort((a, b) => (newer(a, b) ? -1 : 1));
      const source = byTime.find((row) => saysTheCase(row.label)) ?? (item && saysTheCase(item.label) ? item : null);
      if (source) {
        newest.label = source.label;
        newest.labelScore = source.labelScore;
        newest.labelSource = source.labelSource ?? "model";
        newest.needsLabel = source.needsLabel;
      }
    }
    const carried = item && item.status !== "closed" ? higherEscalation(mostUrgent, item) : mostUrgent;
    newest.escalationLevel = carried.escalationLevel;
    newest.escalationScore = carried.escalationScore;
    const stillWaiting = item && item.status === "open" && !item.answered;
    const clock = stillWaiting ? item : earliest;
    newest.slaPolicyId = clock.slaPolicyId;
    newest.slaWarningAt = clock.slaWarningAt;
    newest.slaBreachAt = clock.slaBreachAt;
    if (item) {
      newest.assigneeId = item.assigneeId;
      handOvers.push({ fromId: item.id, toId: newest.id });
    }
  }
  return { handOvers, reopen };
}
