import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MessageDetail, ModerationOutcome } from "@surgedesk/shared";
import { Button } from "../../design/button.tsx";
import { Notice } from "../../design/notice.tsx";
import { messageQueryOptions } from "./message-queries.ts";
import { moderationKeys, muteQueryOptions, outcomesQueryOptions, setMuted, undoOutcome } from "./moderation-queries.ts";

const DONE: Record<ModerationOutcome["action"], string> = { hide: "hid it on the platform", resolve: "resolved it", assign: "assigned it", notify: "notified the team", tag: "tagged it", set_priority: "set its priority", assign_round_robin: "assigned it (round robin)" };
const WOULD: Record<ModerationOutcome["action"], string> = { hide: "would have hidden it", resolve: "would have resolved it", assign: "would have assigned it", notify: "would have notified the team", tag: "would have tagged it", set_priority: "would have set its priority", assign_round_robin: "would have assigned it (round robin)" };

function sentence(outcome: ModerationOutcome): string {
  const who = outcome.ruleId === null ? "Muted author" : `Rule “${outcome.ruleName}”`;
  if (outcome.mode === "dry_run") return `${who} ${WOULD[outcome.action]} (dry run).`;
  if (outcome.failure) return `${who} tried but could not: ${outcome.failure}`;
  if (outcome.undoneAt) return `${who} ${DONE[outcome.action]}; undone.`;
  return `${who} ${DONE[outcome.action]}.`;
}

/**
 * What moderation rules did to this message, each live action with its undo, and muting its
 * author (their next comments are hidden on arrival). Agents act; viewers read.
 */
export function ModerationPanel({ message, canAct }: { message: MessageDetail; canAct: boolean }) {
  const queryClient = useQueryClient();
  const outcomes = useQuery(outcomesQueryOptions(message.id));
  const mute = useQuery({ ...muteQueryOptions(message.contactId ?? ""), enabled: message.contactId !== null && message.kind === "comment" });
  const [note, setNote] = useState<{ tone: "success" | "error" | "warning"; text: string } | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: moderationKeys.outcomes(message.id) });
    void queryClient.invalidateQueries({ queryKey: messageQueryOptions(message.id).queryKey });
  };
  const undo = useMutation({
    mutationFn: undoOutcome,
    onSuccess: (result) => {
      setNote(result.note ? { tone: "warning", text: `Undone here. ${result.note}` } : { tone: "success", text: "Undone." });
      refresh();
    },
    onError: (error: Error) => setNote({ tone: "error", text: error.message }),
  });
  const toggleMute = useMutation({
    mutationFn: (muted: boolean) => setMuted(message.contactId!, muted),
    onSuccess: (state) => {
      queryClient.setQueryData(moderationKeys.mute(state.contactId), state);
      setNote({ tone: "success", text: state.muted ? "Author muted: their next comments are hidden as they arrive." : "Author unmuted." });
    },
    onError: (error: Error) => setNote({ tone: "error", text: error.message }),
  });
  const items = outcomes.data ?? [];
  const muted = mute.data?.muted ?? false;
  if (items.length === 0 && !(canAct && mute.data)) return null;
  const who = message.authorHandle ? `@${message.authorHandle}` : "this author";
  return (
    <section className="moderation-panel" aria-label="Moderation">
      <h3>Moderation</h3>
      {items.length > 0 && (
        <ul className="moderation-outcomes">
          {items.map((outcome) => (
            <li key={outcome.id}>
              <span>{sentence(outcome)}</span>
              {canAct && outcome.undoable && (
                <Button size="sm" disabled={undo.isPending} onClick={() => undo.mutate(outcome.id)} aria-label={`Undo: ${sentence(outcome)}`}>
                  Undo
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mute.data && (
        <div className="actions">
          {muted && <span className="muted">{who} is muted.</span>}
          {canAct && (
            <Button size="sm" disabled={toggleMute.isPending} onClick={() => toggleMute.mutate(!muted)}>
              {muted ? `Unmute ${who}` : `Mute ${who}`}
            </Button>
          )}
        </div>
      )}
      {note && <Notice tone={note.tone}>{note.text}</Notice>}
    </section>
  );
}
