import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { placeholdersIn, PLACEHOLDER_PATTERN, renderTemplate, type Macro, type Message, type OutboxItem, type SuggestionsResponse } from "@surgedesk/shared";
import { Button } from "../../design/button.tsx";
import { ApiError } from "../../lib/api.ts";
import { assigneesQueryOptions, messageQueryOptions, patchMessage } from "../inbox/message-queries.ts";
import { setInboxUi, useInboxUi } from "../inbox/inbox-ui-store.ts";
import { addNote, noteKeys } from "../notes/note-queries.ts";
import { CHANNEL_NAMES } from "./channel-names.ts";
import { replaceRange, triggerAt, type Trigger } from "./composer-triggers.ts";
import { EmojiPicker } from "./emoji-picker.tsx";
import { fuzzyFilter } from "../../lib/fuzzy-match.ts";
import { macroPreviewQueryOptions, macrosQueryOptions, sendReply } from "./reply-queries.ts";
import type { useColleagueCheck } from "./use-colleague-check.tsx";
import type { useFillValues } from "./use-fill-values.ts";
import { useSavedDraft } from "./use-saved-draft.ts";
import { useSendKey } from "./use-send-key.ts";

export type ReplyChannel = "public" | "private";
type Mode = "reply" | "note";

/** The draft as typed, with each placeholder still to fill marked: shown behind the text area. */
function DraftMarks({ text, filled }: { text: string; filled: Record<string, string> }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    parts.push(text.slice(last, match.index));
    const missing = !filled[match[1] ?? ""]?.trim();
    parts.push(missing ? <mark key={match.index} className="var-missing">{match[0]}</mark> : match[0]);
    last = match.index + match[0].length;
  }
  // A final newline needs a character after it to take up its line, as it does in the text area.
  parts.push(`${text.slice(last)}\u200b`);
  return <>{parts}</>;
}

/** The platform's word on a channel, or the reason it is closed now. */
function channelReason(data: SuggestionsResponse | undefined, channel: ReplyChannel): string | null {
  return data?.replyOptions ? data.replyOptions[channel].reason : null;
}

/**
 * The reply box under a message: a reply in the agent's own words, public under the comment or
 * private (a DM, or Instagram's Private Reply to a comment) as the platform allows now; or an
 * internal note for the team with @mentions. `#` (or Ctrl+/) opens the macros, filled from the
 * message and its order; a placeholder nobody knows is marked in the draft and blocks sending.
 */
export function Composer(props: {
  message: Message;
  data: SuggestionsResponse | undefined;
  /** The replies to this message the console has shown; undefined while they load. */
  outbox: readonly OutboxItem[] | undefined;
  readOnlyReason: string | null;
  draft: string;
  setDraft: (text: string) => void;
  channel: ReplyChannel | null;
  setChannel: (channel: ReplyChannel) => void;
  macroId: string | null;
  setMacroId: (id: string | null) => void;
  fill: ReturnType<typeof useFillValues>;
  colleagues: ReturnType<typeof useColleagueCheck>;
  onSent: () => void;
}) {
  const { message, data, outbox, readOnlyReason, draft, setDraft, fill, colleagues } = props;
  const queryClient = useQueryClient();
  const ui = useInboxUi();
  const [mode, setMode] = useState<Mode>("reply");
  const [noteDraft, setNoteDraft] = useSavedDraft(`${message.id}.note`);
  const [mentions, setMentions] = useState<{ id: string; name: string }[]>([]);
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [active, setActive] = useState(0);
  const [conflictFrom, setConflictFrom] = useState<readonly string[] | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const marks = useRef<HTMLDivElement>(null);
  const macros = useQuery({ ...macrosQueryOptions, enabled: readOnlyReason === null });
  const teammates = useQuery({ ...assigneesQueryOptions, enabled: readOnlyReason === null && mode === "note" });

  const options = data?.replyOptions;
  // The channel the agent chose, else the one the platform leaves open (public first on a comment).
  const channel: ReplyChannel = props.channel ?? (message.kind === "dm" || (options && !options.public.available && options.private.available) ? "private" : "public");
  const closedReason = mode === "reply" ? channelReason(data, channel) : null;
  const text = mode === "reply" ? draft : noteDraft;
  const setText = mode === "reply" ? setDraft : setNoteDraft;
  const missing = mode === "reply" ? placeholdersIn(draft).filter((name) => !fill.filled[name]?.trim()) : [];

  // The PII guard, as the agent types: the server's own check on the filled public text.
  const [checked, setChecked] = useState("");
  const publicText = mode === "reply" && channel === "public" ? fill.apply(draft).trim() : "";
  useEffect(() => {
    const id = setTimeout(() => setChecked(publicText), 400);
    return () => clearTimeout(id);
  }, [publicText]);
  const pii = useQuery({ ...macroPreviewQueryOptions(message.id, checked, "public"), enabled: checked !== "" && readOnlyReason === null });
  const piiProblem = checked !== "" ? (pii.data?.piiProblem ?? null) : null;

  // r, n and m in the inbox bring the keyboard here (m with the macros open). Only a key pressed
  // while this composer is on screen does: a reply left open on the previous message must not
  // take the keyboard from the list when the next one opens (e closes and moves on).
  const intentAtMount = useRef<{ reply: boolean; intent: typeof ui.composeIntent } | null>({ reply: ui.reply, intent: ui.composeIntent });
  useEffect(() => {
    const atMount = intentAtMount.current;
    intentAtMount.current = null;
    if (atMount && atMount.reply === ui.reply && atMount.intent === ui.composeIntent) return;
    if (!ui.reply || readOnlyReason) return;
    const wanted = ui.composeIntent ?? "reply";
    requestAnimationFrame(() => {
      setMode(wanted === "note" ? "note" : "reply");
      area.current?.focus();
      if (wanted === "macro") openMacros();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on the key press only
  }, [ui.reply, ui.composeIntent]);

  const macroChoices = useMemo(() => {
    const wanted = mode === "note" ? "internal" : channel;
    const fitting = (macros.data ?? []).filter((m) => m.channel === wanted);
    if (trigger?.kind !== "macro") return [];
    // The buyer's language first (the language the suggestions chose), then the others.
    const language = data?.suggestions[0]?.macro.language;
    const found = fuzzyFilter(fitting, trigger.query, (m) => m.title, (m) => m.body);
    return [...found.filter((m) => m.language === language), ...found.filter((m) => m.language !== language)].slice(0, 8);
  }, [macros.data, mode, channel, trigger, data]);
  const mentionChoices = useMemo(
    () => (trigger?.kind === "mention" ? fuzzyFilter(teammates.data ?? [], trigger.query, (u) => u.name).slice(0, 8) : []),
    [teammates.data, trigger],
  );
  const choices: readonly (Macro | { id: string; name: string })[] = trigger?.kind === "macro" ? macroChoices : mentionChoices;

  const readTrigger = (value: string, caret: number) => {
    setTrigger(triggerAt(value, caret, mode === "note"));
    setActive(0);
  };
  // Where the caret goes once React has written a new text into the box. Placed in a layout
  // effect, in the same task as the change: a later frame let a fast typist's next key land at
  // the old caret first ("@Avery Admin lease look.p").
  const caretAfterRender = useRef<number | null>(null);
  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    if (caret === null) return;
    caretAfterRender.current = null;
    area.current?.focus();
    area.current?.setSelectionRange(caret, caret);
  });
  const putText = (next: { text: string; caret: number }) => {
    caretAfterRender.current = next.caret;
    setText(next.text);
    setTrigger(null);
  };
  const insertAtCaret = (insert: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    putText(replaceRange(text, start, end, insert));
  };
  function openMacros() {
    const el = area.current;
    const at = el?.selectionStart ?? text.length;
    const before = at > 0 && !/\s/.test(text[at - 1]!) ? " #" : "#";
    const next = replaceRange(text, at, el?.selectionEnd ?? at, before);
    caretAfterRender.current = next.caret;
    setText(next.text);
    setTrigger({ kind: "macro", start: next.caret - 1, query: "" });
    setActive(0);
  }
  const choose = (choice: Macro | { id: string; name: string }) => {
    if (!trigger) return;
    const end = trigger.start + 1 + trigger.query.length;
    if ("body" in choice) {
      // Filled from the message, its order and the agent; what nobody knows stays a marked placeholder.
      const filled = renderTemplate(choice.body, data?.values ?? {}).text;
      // The macro is recorded with the send (audit) when it is the reply's start, not a line added to it.
      if (mode === "reply") props.setMacroId(text.slice(0, trigger.start).trim() === "" ? choice.id : null);
      putText(replaceRange(text, trigger.start, end, filled));
    } else {
      setMentions((current) => (current.some((m) => m.id === choice.id) ? current : [...current, choice]));
      putText(replaceRange(text, trigger.start, end, `@${choice.name} `));
    }
  };

  const seenReplyIds = outbox?.map((item) => item.id);
  const sendKey = useSendKey();
  const send = useMutation({
    mutationFn: async ({ resolve }: { resolve: boolean }) => {
      const body = { text: fill.apply(draft), channel, macroId: props.macroId, seenReplyIds } as const;
      const sent = await sendReply(message.id, { ...body, idempotencyKey: sendKey.keyFor({ send: body }) });
      // Resolved at once rather than when the platform confirms: the agent is done with it now.
      if (resolve && message.status !== "closed") {
        queryClient.setQueryData(messageQueryOptions(message.id).queryKey, await patchMessage(message.id, { status: "closed" }));
      }
      return sent;
    },
    onMutate: () => setConflictFrom(null),
    onSuccess: () => {
      sendKey.sent();
      setDraft("");
      props.setMacroId(null);
      props.onSent();
    },
    onError: (error) => {
      // Refused because a colleague answered meanwhile: their reply is fetched and marked; the draft stays.
      if (error instanceof ApiError && error.status === 409) setConflictFrom(seenReplyIds ?? []);
      props.onSent();
    },
  });
  const note = useMutation({
    mutationFn: () =>
      addNote(message.id, { body: noteDraft, mentionUserIds: mentions.filter((m) => noteDraft.includes(`@${m.name}`)).map((m) => m.id) }),
    onSuccess: () => {
      setNoteDraft("");
      setMentions([]);
      void queryClient.invalidateQueries({ queryKey: noteKeys.forMessage(message.id) });
    },
  });

  const blocked = readOnlyReason ?? closedReason;
  const canSubmit =
    !blocked && text.trim() !== "" && (mode === "note" ? !note.isPending : missing.length === 0 && !send.isPending && seenReplyIds !== undefined);
  const submit = (resolve: boolean) => {
    if (!canSubmit) return;
    if (mode === "note") note.mutate();
    else colleagues.guard(() => send.mutate({ resolve }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (trigger && choices.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((i) => (i + (e.key === "ArrowDown" ? 1 : choices.length - 1)) % choices.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        choose(choices[Math.min(active, choices.length - 1)]!);
        return;
      }
    }
    if (trigger && e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setTrigger(null);
      return;
    }
    // Escape hands the keyboard back to the list (j/k, e, ?); the draft stays.
    if (e.key === "Escape") {
      e.currentTarget.blur();
      setInboxUi({ reply: false, composeIntent: null });
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      submit(e.shiftKey);
    } else if ((e.ctrlKey || e.metaKey) && e.key === "/" && mode === "reply") {
      e.preventDefault();
      openMacros();
    }
  };

  const label = mode === "note" ? "Internal note" : message.kind === "dm" ? "Reply in the DM" : channel === "public" ? "Public reply" : "Private reply (DM)";
  const listId = `composer-choices-${message.id}`;
  const newSince = conflictFrom ? (outbox ?? []).filter((item) => !conflictFrom.includes(item.id)) : [];

  return (
    <div className={`composer composer-${mode}`}>
      <div className="composer-bar">
        <div role="radiogroup" aria-label="Write" className="segmented">
          {(["reply", "note"] as const).map((m) => (
            <label key={m} className={mode === m ? "on" : undefined}>
              <input type="radio" name={`compose-${message.id}`} checked={mode === m} disabled={readOnlyReason !== null} onChange={() => (setMode(m), setTrigger(null))} />
              {m === "reply" ? "Reply" : "Note"}
            </label>
          ))}
        </div>
        {mode === "reply" && message.kind === "comment" && (
          <div role="radiogroup" aria-label="Send as" className="segmented">
            {(["public", "private"] as const).map((c) => (
              <label key={c} className={channel === c ? "on" : undefined} title={channelReason(data, c) ?? undefined}>
                <input type="radio" name={`channel-${message.id}`} checked={channel === c} disabled={readOnlyReason !== null} onChange={() => props.setChannel(c)} />
                {c === "public" ? "Public reply" : "DM"}
              </label>
            ))}
          </div>
        )}
        {mode === "note" && <span className="muted">Only your team sees notes; they are never sent to the buyer.</span>}
      </div>
      {closedReason && <p className="error composer-reason">{CHANNEL_NAMES[channel]} not possible: {closedReason}</p>}

      <div className="composer-field">
        <span className="sr-only-label" aria-hidden="true">{label}</span>
        <div className="composer-text">
          <div className="composer-marks" ref={marks} aria-hidden="true">
            <DraftMarks text={text} filled={fill.filled} />
          </div>
          <textarea
            ref={area}
            rows={4}
            value={text}
            disabled={readOnlyReason !== null}
            placeholder={mode === "note" ? "Write a note for the team; @ mentions a colleague" : "Write a reply; # inserts a macro"}
            aria-label={label}
            aria-autocomplete="list"
            aria-activedescendant={trigger && choices.length > 0 ? `${listId}-${Math.min(active, choices.length - 1)}` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              readTrigger(e.target.value, e.target.selectionStart);
            }}
            onKeyDown={onKeyDown}
            onScroll={(e) => marks.current && (marks.current.scrollTop = e.currentTarget.scrollTop)}
            onBlur={() => setTimeout(() => setTrigger(null), 150)}
          />
        </div>
      </div>
      {trigger && (
        <ul id={listId} role="listbox" className="composer-choices" aria-label={trigger.kind === "macro" ? "Macros" : "Teammates"}>
          {choices.length === 0 && (
            <li className="muted" role="presentation">
              {trigger.kind === "macro" ? `No ${mode === "note" ? "note" : CHANNEL_NAMES[channel].toLowerCase()} macro matches “${trigger.query}”.` : `No teammate matches “${trigger.query}”.`}
            </li>
          )}
          {choices.map((choice, i) => (
            <li
              key={choice.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(choice);
              }}
            >
              {"body" in choice ? (
                <>
                  <strong>{choice.title}</strong> <span className="badge">{choice.language}</span>
                  <span className="muted choice-text">{choice.body}</span>
                </>
              ) : (
                <strong>@{choice.name}</strong>
              )}
            </li>
          ))}
        </ul>
      )}

      {missing.length > 0 && (
        <div className="missing-inputs">
          <span className="error">Fill before sending:</span>
          {missing.map((name) => (
            <label key={name}>
              {`{{${name}}}`} <input value={fill.filled[name] ?? ""} onChange={(e) => fill.set(name, e.target.value)} />
            </label>
          ))}
        </div>
      )}
      {piiProblem && <p className="error" role="alert">{piiProblem}</p>}
      {mode === "reply" && colleagues.warning}
      {mode === "reply" && conflictFrom && send.error && (
        <div className="collision-stop" role="alert">
          <strong>Not sent.</strong> {send.error.message}
          {newSince.map((item) => (
            <blockquote key={item.id} aria-label="Their reply">
              {item.text}
            </blockquote>
          ))}
          <span>Your draft is kept; sending it now goes through, their reply counted as seen.</span>
        </div>
      )}

      <div className="composer-actions">
        <EmojiPicker disabled={readOnlyReason !== null} onPick={insertAtCaret} />
        {mode === "reply" && (
          <Button size="sm" disabled={readOnlyReason !== null} onClick={() => (area.current?.focus(), openMacros())} title="Ctrl+/ or # in the text">
            Macros
          </Button>
        )}
        {mode === "reply" && message.kind === "comment" && channel === "public" && data?.commentToDm.mode === "public_invite" && (
          <span className="muted">TikTok public replies: 150 characters at most ({fill.apply(draft).length}).</span>
        )}
        <span className="spacer" />
        {mode === "note" ? (
          <Button variant="primary" disabled={!canSubmit} onClick={() => submit(false)} title="Ctrl+Enter">
            Add note
          </Button>
        ) : (
          <>
            <Button disabled={!canSubmit} onClick={() => submit(false)} title="Ctrl+Enter">
              Send
            </Button>
            <Button variant="primary" disabled={!canSubmit || message.status === "closed"} onClick={() => submit(true)} title="Ctrl+Shift+Enter">
              Send and resolve
            </Button>
          </>
        )}
      </div>
      {readOnlyReason && <p className="muted role-note">{readOnlyReason}</p>}
      {mode === "reply" && send.isError && !conflictFrom && <p className="error" role="alert">{send.error.message}</p>}
      {mode === "note" && note.isError && <p className="error" role="alert">{note.error.message}</p>}
      {colleagues.dialog}
    </div>
  );
}
