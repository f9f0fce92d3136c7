import { useEffect, useState, useSyncExternalStore } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { liveNoteAddedEventSchema, type Note } from "@surgedesk/shared";
import { connectLive, onLiveEvent } from "../inbox/live-source.ts";
import { mentionsQueryOptions, noteKeys } from "./note-queries.ts";
import "./notes.css";

interface MentionToast {
  noteId: string;
  messageId: string;
  authorName: string | null;
}

let toasts: MentionToast[] = [];
const listeners = new Set<() => void>();
function setToasts(next: MentionToast[]) {
  toasts = next;
  for (const listener of listeners) listener();
}
const dismiss = (noteId: string) => setToasts(toasts.filter((t) => t.noteId !== noteId));

/**
 * Notes, live, wherever the agent is in the console: a console showing the message reads its
 * notes again, and a colleague's mention of this user comes up as a toast and in Mentions.
 */
export function useNoteEvents() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const disconnect = connectLive();
    const stop = onLiveEvent("note.added", (data) => {
      const parsed = liveNoteAddedEventSchema.safeParse(data);
      if (!parsed.success) return;
      const event = parsed.data;
      void queryClient.invalidateQueries({ queryKey: noteKeys.forMessage(event.messageId) });
      if (!event.mentionsYou) return;
      void queryClient.invalidateQueries({ queryKey: noteKeys.mentions });
      // The newest three at most: a busy thread must not bury the page.
      setToasts([...toasts.filter((t) => t.noteId !== event.noteId), { noteId: event.noteId, messageId: event.messageId, authorName: event.authorName }].slice(-3));
    });
    return () => {
      stop();
      disconnect();
    };
  }, [queryClient]);
}

/** The mentions that arrived live, each a link to its message, until dismissed or followed. */
export function MentionToasts() {
  const shown = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    () => toasts,
  );
  if (shown.length === 0) return null;
  return (
    <div className="mention-toasts" role="status" aria-live="polite">
      {shown.map((toast) => (
        <div key={toast.noteId} className="mention-toast">
          <span>{toast.authorName ?? "A colleague"} mentioned you in a note.</span>
          <Link to="/inbox/$messageId" params={{ messageId: toast.messageId }} search={{ queue: "all" }} onClick={() => dismiss(toast.noteId)}>
            Open the message
          </Link>
          <button aria-label="Dismiss" onClick={() => dismiss(toast.noteId)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

const SEEN_KEY = "surgedesk.mentions-seen";
function seenAt(): string {
  try {
    return localStorage.getItem(SEEN_KEY) ?? "";
  } catch {
    return "";
  }
}

/** How a mention reads in a list: who, where, the start of what they wrote. */
function mentionLine(note: Note): string {
  const body = note.body.length > 90 ? `${note.body.slice(0, 89)}…` : note.body;
  return `${note.author?.name ?? "Surgedesk"}: ${body}`;
}

/** "Mentions" in the top bar: the newest notes naming this user, those not yet looked at counted. */
export function MentionsMenu() {
  const { data: mentions } = useQuery(mentionsQueryOptions);
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState(seenAt);
  const unseen = (mentions ?? []).filter((note) => note.createdAt > seen).length;
  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next && mentions?.[0]) {
      const newest = mentions[0].createdAt;
      setSeen(newest);
      try {
        localStorage.setItem(SEEN_KEY, newest);
      } catch {
        // Not stored: the count comes back on the next page load.
      }
    }
  };
  return (
    <div className="mentions-menu">
      <button aria-expanded={open} aria-controls="mentions-list" onClick={toggle}>
        Mentions{unseen > 0 && <span className="badge mention-count" aria-label={`${unseen} new`}>{unseen}</span>}
      </button>
      {open && (
        <div id="mentions-list" className="mentions-list" onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
          {mentions && mentions.length === 0 && <p className="muted">Nobody has mentioned you in a note yet.</p>}
          <ul>
            {mentions?.map((note) => (
              <li key={note.id}>
                <Link to="/inbox/$messageId" params={{ messageId: note.messageId }} search={{ queue: "all" }} onClick={() => setOpen(false)}>
                  {mentionLine(note)}
                </Link>
                <span className="muted"> · {new Date(note.createdAt).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
