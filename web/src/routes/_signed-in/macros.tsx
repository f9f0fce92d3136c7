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
import "../../features/replies/replies.css";

export const Route = createFileRoute("/_signed-in/macros")({
  // The macros are the page; the messages to preview against load alongside.
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(macroPreviewMessagesQueryOptions);
    return context.queryClient.ensureQueryData(macrosQueryOptions);
  },
  component: MacrosPage,
  errorComponent: ({ error }) => <p className="error">{error instanceof Error ? error.message : "Could not load the macros."}</p>,
});

interface Draft {
  id: string | null;
  title: string;
  body: string;
  channel: MacroChannel;
  labels: Label[];
  language: MacroLanguage;
}

const CHANNEL_NAMES: Record<MacroChannel, string> = { public: "Public reply", private: "Private (DM)", internal: "Internal note" };

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
          <h2>Macros</h2>
          {canEdit && <button onClick={() => setDraft(EMPTY)}>New</button>}
        </div>
        {macros.isError && <p className="error">{macros.error.message}</p>}
        <ul>
          {macros.data?.map((m) => (
            <li key={m.id}>
              <button className={draft.id === m.id ? "active" : undefined} onClick={() => edit(m)}>
                {m.title} <span className={`badge channel-${m.channel}`}>{m.channel}</span> <span className="badge">{m.language}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="macro-editor" aria-label="Macro editor">
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
          <textarea rows={5} value={draft.body} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
        </label>
        {canEdit && (
          <div className="row">
            <button disabled={!draft.title.trim() || !draft.body.trim() || save.isPending} onClick={() => save.mutate()}>
              Save
            </button>
            {draft.id && (
              <button className="link" onClick={() => remove.mutate(draft.id!)}>
                Delete
              </button>
            )}
            {save.isError && <span className="error">{save.error.message}</span>}
          </div>
        )}
        <h3>Live preview</h3>
        <label>
          Against the message
          <select value={previewFor} onChange={(e) => setMessageId(e.target.value)}>
            {messages.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {m.authorHandle ? `@${m.authorHandle}` : m.authorExternalId}: {m.text.slice(0, 80)}
              </option>
            ))}
          </select>
        </label>
        {preview.data && (
          <>
            <FilledText parts={preview.data.rendered.parts} />
            {preview.data.rendered.missing.length > 0 && (
              <p className="error">Missing for this message: {preview.data.rendered.missing.map((n) => `{{${n}}}`).join(", ")}. The agent must fill them before sending.</p>
            )}
            {preview.data.piiProblem && <p className="error">{preview.data.piiProblem}</p>}
          </>
        )}
        {preview.isError && <p className="error">{preview.error.message}</p>}
      </section>
    </div>
  );
}
