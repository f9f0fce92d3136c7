import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { LABELS, LABEL_INFO, MACRO_CHANNELS, TEMPLATE_VARIABLES, type Label, type Macro, type MacroChannel, type MacroLanguage } from "@surgedesk/shared";
import { meQueryOptions } from "../../features/auth/session-queries.ts";
import { FilledText } from "../../features/replies/filled-text.tsx";
import {
  deleteMacro,
  macroPreviewMessagesQueryOptions,
  macroPreviewQueryOptions,
  macrosQueryOptions,
  replyKeys,
  saveMacro,
} from "../../features/replies/reply-queries.ts";
import { Button } from "../../design/button.tsx";
import { ConfirmButton } from "../../design/confirm-button.tsx";
import { EmptyState } from "../../design/empty-state.tsx";
import { Notice } from "../../design/notice.tsx";
import { authorName } from "../../lib/format.ts";
import { CHANNEL_NAMES, LANGUAGE_NAMES } from "../../features/replies/channel-names.ts";
import { messageTextInWords } from "../../features/inbox/message-text.tsx";
import "../../features/replies/replies.css";

export const Route = createFileRoute("/_signed-in/macros")({
  // The macros are the page; the messages to preview against load alongside.
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(macroPreviewMessagesQueryOptions);
    return context.queryClient.ensureQueryData(macrosQueryOptions);
  },
  component: MacrosPage,
  errorComponent: ({ error }) => (
    <Notice tone="error" focus={false}>
      {error instanceof Error ? error.message : "Could not load the macros."}
    </Notice>
  ),
});

interface Draft {
  id: string | null;
  title: string;
  body: string;
  channel: MacroChannel;
  labels: Label[];
  language: MacroLanguage;
}

const EMPTY: Draft = { id: null, title: "", body: "", channel: "private", labels: [], language: "en" };

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function MacrosPage() {
  const queryClient = useQueryClient();
  const macros = useQuery(macrosQueryOptions);
  const messages = useQuery(macroPreviewMessagesQueryOptions);
  const { data: me } = useQuery(meQueryOptions);
  const canEdit = me?.role === "agent" || me?.role === "admin";
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [messageId, setMessageId] = useState<string>("");
  const previewFor = messageId || messages.data?.[0]?.id || "";
  const body = useDebounced(draft.body, 250);
  const preview = useQuery(macroPreviewQueryOptions(previewFor, body, draft.channel));
  const save = useMutation({
    mutationFn: () => saveMacro(draft.id, { title: draft.title, body: draft.body, channel: draft.channel, labels: draft.labels, language: draft.language }),
    onSuccess: (macro) => {
      setDraft({ ...draft, id: macro.id });
      void queryClient.invalidateQueries({ queryKey: replyKeys.macros });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteMacro(id),
    onSuccess: () => {
      setDraft(EMPTY);
      void queryClient.invalidateQueries({ queryKey: replyKeys.macros });
    },
  });
  const edit = (m: Macro) => setDraft({ id: m.id, title: m.title, body: m.body, channel: m.channel, labels: [...m.labels], language: m.language });

  return (
    <div className="macros-page">
      <aside>
        <div className="row">
          <h1>Macros</h1>
          {canEdit && (
            <Button variant="primary" onClick={() => setDraft(EMPTY)}>
              New
            </Button>
          )}
        </div>
        <p className="muted">Saved replies agents pick from in a message; variables fill from the message.</p>
        {macros.isError && (
          <Notice tone="error" focus={false}>
            {macros.error.message}
          </Notice>
        )}
        {macros.data?.length === 0 && (
          <EmptyState title="No macros yet.">
            <p>{canEdit ? "Write the first one on the right: a title, where it goes and its text." : "An agent or admin can write the first one."}</p>
          </EmptyState>
        )}
        <ul aria-label="Macros">
          {macros.data?.map((m) => (
            <li key={m.id}>
              <button className={draft.id === m.id ? "active" : undefined} aria-current={draft.id === m.id ? "true" : undefined} onClick={() => edit(m)}>
                <span className="macro-title">{m.title}</span> <span className={`badge channel-${m.channel}`}>{CHANNEL_NAMES[m.channel]}</span>{" "}
                <span className="badge">{LANGUAGE_NAMES[m.language]}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="macro-editor" aria-label="Macro editor">
        <h2>{draft.id ? `Edit “${draft.title}”` : "New macro"}</h2>
        <label>
          Title
          <input value={draft.title} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
        </label>
        <div className="row">
          <label>
            Channel
            <select value={draft.channel} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, channel: e.target.value as MacroChannel })}>
              {MACRO_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_NAMES[c]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Language
            <select value={draft.language} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, language: e.target.value as MacroLanguage })}>
              <option value="en">English</option>
              <option value="es">Spanish</option>
            </select>
          </label>
          <label>
            Labels
            <select
              multiple
              value={draft.labels}
              disabled={!canEdit}
              onChange={(e) => setDraft({ ...draft, labels: [...e.target.selectedOptions].map((o) => o.value as Label) })}
            >
              {LABELS.map((l) => (
                <option key={l} value={l}>
                  {LABEL_INFO[l].title}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Text <span className="muted">({TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(" ")})</span>
          <textarea rows={6} value={draft.body} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
        </label>
        {canEdit && (
          <div className="row">
            <Button variant="primary" disabled={!draft.title.trim() || !draft.body.trim() || save.isPending} onClick={() => save.mutate()}>
              Save
            </Button>
            {draft.id && (
              <ConfirmButton label="Delete" question={`Delete the macro “${draft.title}”? Agents will no longer see it.`} confirmLabel="Delete the macro" onConfirm={() => remove.mutate(draft.id!)} />
            )}
          </div>
        )}
        {save.isSuccess && <Notice tone="success">Saved.</Notice>}
        {save.isError && <Notice tone="error">{save.error.message}</Notice>}
        <h3>Live preview</h3>
        <label>
          Against the message
          <select value={previewFor} onChange={(e) => setMessageId(e.target.value)}>
            {messages.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {authorName(m)}: {messageTextInWords(m.text).slice(0, 80)}
              </option>
            ))}
          </select>
        </label>
        {preview.data && (
          <>
            <FilledText parts={preview.data.rendered.parts} />
            {preview.data.rendered.missing.length > 0 && (
              <Notice tone="warning" focus={false}>
                Missing for this message: {preview.data.rendered.missing.map((n) => `{{${n}}}`).join(", ")}. The agent must fill them before sending.
              </Notice>
            )}
            {preview.data.piiProblem && (
              <p className="notice notice-error error" role="alert">
                {preview.data.piiProblem}
              </p>
            )}
          </>
        )}
        {preview.isError && (
          <Notice tone="error" focus={false}>
            {preview.error.message}
          </Notice>
        )}
      </section>
    </div>
  );
}
