import { useEffect } from "react";
import { useMutation } from "@tanstack/react-query";
import type { BulkOutcome } from "./bulk-bar.tsx";
import { undoBulk } from "./message-queries.ts";

/** What the last bulk change did, with Undo while it is on screen. */
export function UndoToast({ outcome, onClose }: { outcome: BulkOutcome; onClose: () => void }) {
  const undo = useMutation({ mutationFn: undoBulk });
  useEffect(() => {
    const timer = setTimeout(onClose, 15_000);
    return () => clearTimeout(timer);
  }, [outcome, onClose]);
  return (
    <div className="toast" role="status">
      {undo.isSuccess ? (
        <span>
          Undone: {undo.data.restored} restored{undo.data.skipped > 0 ? `, ${undo.data.skipped} changed since and kept` : ""}.
        </span>
      ) : (
        <span>{outcome.text}</span>
      )}
      {outcome.bulkActionId && !undo.isSuccess && (
        <button disabled={undo.isPending} onClick={() => undo.mutate(outcome.bulkActionId!)}>
          Undo
        </button>
      )}
      {undo.isError && <span className="error-inline">{undo.error.message}</span>}
      <button className="link" onClick={onClose} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
