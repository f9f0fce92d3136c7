import { useEffect, useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { placeholdersIn, renderTemplate, type Message, type Suggestion } from "@surgedesk/shared";
import { OrderPanel } from "../orders/order-panel.tsx";
import { CHANNEL_NAMES } from "./channel-names.ts";
import { FilledText } from "./filled-text.tsx";
import { commentToDm, macrosQueryOptions, outboxQueryOptions, replyKeys, suggestionsQueryOptions } from "./reply-queries.ts";
import { Composer, type ReplyChannel } from "./composer.tsx";
import { ItemTimeline } from "../notes/item-timeline.tsx";
import { notesQueryOptions } from "../notes/note-queries.ts";
import { useFillValues, valuesOfParts } from "./use-fill-values.ts";
import { useSendKey } from "./use-send-key.ts";
import { useSavedDraft } from "./use-saved-draft.ts";
import { useColleagueCheck } from "./use-colleague-check.tsx";
import { setInboxUi } from "../inbox/inbox-ui-store.ts";
import "./replies.css";

function MissingInputs({ names, values, onChange }: { names: string[]; values: Record<string, string>; onChange: (name: string, value: string) => void }) {
  if (names.length === 0) return null;
  return (
    <div className="missing-inputs">
      <span className="error">Fill before sending:</span>
      {names.map((name) => (
        <label key={name}>
          {`{{${name}}}`} <input value={values[name] ?? ""} onChange={(e) => onChange(name, e.target.value)} />
        </label>
      ))}
    </div>
  );
}

/**
 * The reply engine in the message pane: the 3 best macros filled from the message and its
 * order (missing variables marked, and blocking until filled), sending through the outbox,
 * the comment-to-DM move, and what the outbox is doing with this message's sends.
 */
export function ReplyPanel(props: { message: Message; canSend: boolean; readOnlyReason?: string | null }) {
  // A new message starts a new reply: keyed, its drafts and filled values start empty.
  return <ReplyPanelFor key={props.message.id} {...props} />;
}

function ReplyPanelFor({ message, canSend, readOnlyReason }: { message: Message; canSend: boolean; readOnlyReason?: string | null }) {
  const queryClient = useQueryClient();
  const suggestions = useQuery(suggestionsQueryOptions(message.id));
  const outbox = useQuery(outboxQueryOptions(message.id));
  const macros = useQuery({ ...macrosQueryOptions, enabled: canSend });
  const notes = useQuery(notesQueryOptions(message.id));
  const fill = useFillValues();
  const [picked, setPicked] = useState<Suggestion | null>(null);
  const [draft, setDraft] = useSavedDraft(`${message.id}.reply`);
  const [channel, setChannel] = useState<ReplyChannel | null>(null);
  const [macroId, setMacroId] = useState<string | null>(null);
  const [editedAck, setPublicAck] = useState<string | null>(null);
  const [privateText, setPrivateText] = useSavedDraft(`${message.id}.private`);

  const data = suggestions.data;
  const mode = data?.commentToDm.mode ?? "none";
  // The acknowledgement macro in the message's language: Instagram says "we've sent you a DM",
  // TikTok (no DM from a comment) asks the buyer to message the shop.
  const ackMacro = useMemo(() => {
    const language = data?.suggestions[0]?.macro.language ?? "en";
    const key = `${mode === "public_invite" ? "dm_invite" : "comment_to_dm_ack"}.${language}`;
    return macros.data?.find((m) => m.key === key) ?? null;
  }, [macros.data, data, mode]);

  const publicAck = editedAck ?? (ackMacro && data ? renderTemplate(ackMacro.body, data.values).text : "");
  const colleagues = useColleagueCheck(message.id);
  // Typing a reply tells the other consoles "replying", as pressing r does.
  const composing = draft.trim() !== "" || privateText.trim() !== "" || editedAck !== null;
  useEffect(() => {
    setInboxUi({ composing });
  }, [composing]);
  useEffect(() => () => setInboxUi({ composing: false }), []);
  // The replies this agent has been shown: the server refuses a send when someone else's came since.
  const seenReplyIds = outbox.data?.map((item) => item.id);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: replyKeys.outbox(message.id) });
    void queryClient.invalidateQueries({ queryKey: replyKeys.suggestions(message.id) });
  };
  const sendKey = useSendKey();
  const move = useMutation({
    mutationFn: () => {
      const body = {
        publicText: fill.apply(publicAck),
        ...(mode === "private_reply" && { privateText: fill.apply(privateText) }),
        publicMacroId: ackMacro?.id ?? null,
        privateMacroId: picked?.macro.channel === "private" ? picked.macro.id : null,
        seenReplyIds,
      };
      return commentToDm(message.id, { ...body, idempotencyKey: sendKey.keyFor({ move: body }) });
    },
    onSuccess: () => {
      sendKey.sent();
      setPrivateText("");
      refresh();
    },
    onError: refresh,
  });

  // A suggestion is a starting point: its text goes into the composer (or the move's private half), to edit.
  const pick = (s: Suggestion) => {
    setPicked(s);
    const text = renderTemplate(s.macro.body, valuesOfParts(s.rendered.parts)).text;
    if (s.macro.channel === "private" && message.kind === "comment" && mode === "private_reply") setPrivateText(text);
    else {
      setDraft(text);
      setMacroId(s.macro.id);
      if (s.macro.channel === "public" || s.macro.channel === "private") setChannel(s.macro.channel);
    }
  };
  const missingIn = (...texts: string[]) => [...new Set(texts.flatMap((t) => placeholdersIn(t)))];
  const moveMissing = missingIn(publicAck, mode === "private_reply" ? privateText : "").filter((n) => !fill.filled[n]?.trim());

  return (
    <section className="reply-panel" aria-label="Reply">
      <h3>Reply</h3>
      {suggestions.isPending && <p className="muted">Finding the best macros…</p>}
      {suggestions.isError && <p className="error">Could not load suggestions: {suggestions.error.message}</p>}
      {data && (
        <>
          <OrderPanel context={data.order} canSearch={canSend} messageId={message.id} />
          {data.advice === "hide" && (
            <p className="notice">Spam or a scam: hide it rather than answer. No macro is suggested, so a reply never rewards it.</p>
          )}
          {data.advice === null && data.suggestions.length === 0 && (
            <p className="muted">No macro is made for this case type in this language{canSend ? ": write the reply below, or add a macro on the Macros page." : "."}</p>
          )}
          <ol className="suggestions">
            {data.suggestions.map((s) => (
              <li key={s.macro.id} className={picked?.macro.id === s.macro.id ? "picked" : undefined}>
                <div className="row">
                  <strong>{s.macro.title}</strong>
                  <span className={`badge channel-${s.macro.channel}`}>{CHANNEL_NAMES[s.macro.channel]}</span>
                  <span className="muted">{s.reasons.join(" · ")}</span>
                </div>
                <FilledText parts={s.rendered.parts} />
                {s.piiProblem && <p className="error">{s.piiProblem}</p>}
                {canSend && s.macro.channel !== "internal" && (
                  <button onClick={() => pick(s)}>{s.macro.channel === "private" && message.kind === "comment" && mode === "private_reply" ? "Use as the private reply" : "Use"}</button>
                )}
              </li>
            ))}
          </ol>
        </>
      )}

      <ItemTimeline replies={outbox.data ?? []} notes={notes.data ?? []} />
      <Composer
        message={message}
        data={data}
        outbox={outbox.data}
        readOnlyReason={canSend ? null : (readOnlyReason ?? "Sending a reply needs the agent role.")}
        draft={draft}
        setDraft={setDraft}
        channel={channel}
        setChannel={setChannel}
        macroId={macroId}
        setMacroId={setMacroId}
        fill={fill}
        colleagues={colleagues}
        onSent={refresh}
      />

      {canSend && message.kind === "comment" && message.direction === "inbound" && data && (
        <div className="comment-to-dm">
          <h4>{mode === "public_invite" ? "Move to DM (TikTok: a public reply inviting a message)" : "Move to DM"}</h4>
          {data.commentToDm.reason ? (
            <p className="error">{data.commentToDm.reason}</p>
          ) : (
            <>
              <label>
                Public acknowledgement (no order details)
                <textarea rows={2} value={publicAck} onChange={(e) => setPublicAck(e.target.value)} />
              </label>
              {mode === "private_reply" && (
                <label>
                  Private reply (carries the case)
                  <textarea rows={3} value={privateText} placeholder="Pick a private suggestion above, or write it" onChange={(e) => setPrivateText(e.target.value)} />
                </label>
              )}
              <MissingInputs names={moveMissing} values={fill.filled} onChange={fill.set} />
              <button
                className="btn btn-primary"
                disabled={!publicAck.trim() || (mode === "private_reply" && !privateText.trim()) || moveMissing.length > 0 || move.isPending || !seenReplyIds}
                onClick={() => colleagues.guard(() => move.mutate())}
              >
                {mode === "public_invite" ? "Reply and invite to DM" : "Acknowledge and send Private Reply"}
              </button>
              {move.isError && <p className="error">{move.error.message}</p>}
            </>
          )}
        </div>
      )}
    </section>
  );
}
