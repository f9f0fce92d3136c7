import type { TagSummary } from "@surgedesk/shared";
import "./tags.css";

/** A tag as items show it: its name on a neutral chip, its colour as a dot (the name carries the meaning). */
export function TagChip({ tag, onRemove }: { tag: TagSummary; onRemove?: () => void }) {
  return (
    <span className={`tag-chip tag-${tag.colour}`} data-tag={tag.name}>
      <span className="tag-dot" aria-hidden="true" />
      {tag.name}
      {onRemove && (
        <button type="button" className="tag-remove" aria-label={`Remove tag ${tag.name}`} onClick={onRemove}>
          ✕
        </button>
      )}
    </span>
  );
}
