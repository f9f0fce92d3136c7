import { useMutation } from "@tanstack/react-query";
import type { MessageDetail } from "@surgedesk/shared";
import { TagChip } from "./tag-chip.tsx";
import { setMessageTag } from "./tag-queries.ts";

/** The open message's tags, each removable by an agent, and the way to the picker (`t`). */
export function ItemTags({
  message,
  readOnlyReason,
  onChanged,
  onOpenPicker,
}: {
  message: MessageDetail;
  readOnlyReason: string | null;
  onChanged: (message: MessageDetail) => void;
  onOpenPicker: () => void;
}) {
  const remove = useMutation({ mutationFn: (tagId: string) => setMessageTag(message.id, tagId, false), onSuccess: onChanged });
  return (
    <div className="item-tags" aria-label="Tags">
      {message.tags.map((tag) => (
        <TagChip key={tag.id} tag={tag} {...(!readOnlyReason && { onRemove: () => remove.mutate(tag.id) })} />
      ))}
      <button type="button" className="link" onClick={onOpenPicker} disabled={readOnlyReason !== null} title={readOnlyReason ?? "Add or remove tags"}>
        {message.tags.length > 0 ? "Tags" : "Add a tag"} <kbd className="key-hint">t</kbd>
      </button>
      {remove.isError && <span className="error-inline">Could not remove the tag: {remove.error.message}</span>}
    </div>
  );
}
