import type { Note, OutboxItem } from "@surgedesk/shared";
import { OutboxEntry } from "../replies/outbox-state.tsx";
import "./notes.css";

/** A note's text with the colleagues it mentions picked out. */
function NoteBody({ note }: { note: Note }) {
  const names = note.mentions.map((m) => `@${m.name}`).sort((a, b) => b.length - a.length);
  if (names.length === 0) return <p className="note-body">{note.body}</p>;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pieces = note.body.split(new RegExp(`(${escaped.join("|")})`, "g"));
  return (
    <p className="note-body">
      {pieces.map((piece, i) => (names.includes(piece) ? <span key={i} className="mention">{piece}</span> : piece))}
    </p>
  );
}

/**
 * What the team did on this message, oldest first: the replies (with the outbox's word on each)
 * and the internal notes, which look different because the buyer never sees them.
 */
export function ItemTimeline({ replies, notes }: { replies: readonly OutboxItem[]; notes: readonly Note[] }) {
  const entries = [
    ...replies.map((item) => ({ at: item.createdAt, key: item.id, reply: item, note: null })),
    ...notes.map((note) => ({ at: note.createdAt, key: note.id, reply: null, note })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (entries.length === 0) return null;
  return (
    <ul className="outbox-state item-timeline" aria-label="Replies and notes">
      {entries.map((entry) =>
        entry.reply ? (
          <OutboxEntry key={entry.key} item={entry.reply} />
        ) : (
          <li key={entry.key} className="timeline-note">
            <span className="muted">
              <strong>Internal note</strong> · {entry.note!.author?.name ?? "Surgedesk"} · {new Date(entry.note!.createdAt).toLocaleString()} · not sent to the buyer
            </span>
            <NoteBody note={entry.note!} />
          </li>
        ),
      )}
    </ul>
  );
}
