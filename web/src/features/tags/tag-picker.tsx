import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MessageDetail, TagSummary } from "@surgedesk/shared";
import { fuzzyFilter } from "../../lib/fuzzy-match.ts";
import { createTag, setMessageTag, tagKeys, tagsQueryOptions } from "./tag-queries.ts";
import "./tags.css";

type Choice = { kind: "tag"; tag: TagSummary; on: boolean } | { kind: "create"; name: string };

/**
 * `t`: type to find a tag (fuzzy: "vb" finds "VIP buyer"), arrows to move, Enter puts it on or
 * takes it off and keeps the picker open for the next; a name no tag has yet offers to create
 * it. Esc leaves. The message the server answers replaces the one shown.
 */
export function TagPicker({ message, onChanged, onClose }: { message: MessageDetail; onChanged: (message: MessageDetail) => void; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { data: tags = [] } = useQuery(tagsQueryOptions);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const onItem = new Set(message.tags.map((t) => t.id));
  const name = text.trim();
  const choices: Choice[] = fuzzyFilter(tags, name, (t) => t.name).map((tag) => ({ kind: "tag", tag, on: onItem.has(tag.id) }));
  if (name && !tags.some((t) => t.name.toLowerCase() === name.toLowerCase())) choices.push({ kind: "create", name });
  const chosen = choices[Math.min(active, choices.length - 1)];
  const toggle = useMutation({
    mutationFn: async (choice: Choice) => {
      if (choice.kind === "tag") return setMessageTag(message.id, choice.tag.id, !choice.on);
      const created = await createTag(choice.name);
      return setMessageTag(message.id, created.id, true);
    },
    onSuccess: (updated) => {
      onChanged(updated);
      setText("");
      setActive(0);
      void queryClient.invalidateQueries({ queryKey: tagKeys.list });
    },
  });
  const pick = (choice: Choice | undefined) => choice && !toggle.isPending && toggle.mutate(choice);
  return (
    <div className="label-picker tag-picker" role="dialog" aria-label="Tags">
      <input
        autoFocus
        placeholder="Find or create a tag…"
        value={text}
        maxLength={40}
        aria-label="Find a tag"
        role="combobox"
        aria-expanded="true"
        aria-controls="tag-picker-options"
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((i) => Math.min(i + 1, choices.length - 1));
          else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
          else if (e.key === "Enter") pick(chosen);
          else if (e.key === "Escape") onClose();
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      <ul role="listbox" id="tag-picker-options" aria-label="Tags">
        {choices.map((choice, i) => (
          <li
            key={choice.kind === "tag" ? choice.tag.id : "create"}
            role="option"
            aria-selected={choice === chosen}
            aria-checked={choice.kind === "tag" ? choice.on : undefined}
            className={`${choice === chosen ? "active" : ""}${choice.kind === "tag" && choice.on ? " current" : ""}`}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(choice);
            }}
            onMouseEnter={() => setActive(i)}
          >
            {choice.kind === "tag" ? (
              <>
                <span className="tag-check" aria-hidden="true">
                  {choice.on ? "✓" : ""}
                </span>
                <span className={`tag-dot tag-${choice.tag.colour}`} aria-hidden="true" /> {choice.tag.name}
              </>
            ) : (
              <>Create tag “{choice.name}”</>
            )}
          </li>
        ))}
        {choices.length === 0 && <li className="muted">No tags yet: type a name to create one.</li>}
      </ul>
      {toggle.isError && (
        <p className="error-inline" role="alert">
          Could not change the tags: {toggle.error.message}
        </p>
      )}
    </div>
  );
}
