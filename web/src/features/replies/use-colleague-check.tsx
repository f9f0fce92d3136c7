import { useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "../../design/button.tsx";
import { Dialog, DialogClose } from "../../design/dialog.tsx";
import { meQueryOptions } from "../auth/session-queries.ts";
import { useOthersOnMessage } from "../inbox/live-store.ts";

/**
 * The collision guard's first half, in the console: while a colleague is writing a reply to the
 * same message, the composer says so, and sending asks first (the second half, a reply sent by
 * someone since the message was opened, is refused by the server). Returns the warning line, the
 * question, and `guard(send)`, which sends at once when nobody else is writing.
 */
export function useColleagueCheck(messageId: string): { warning: ReactNode; dialog: ReactNode; guard: (send: () => void) => void } {
  const { data: me } = useQuery(meQueryOptions);
  const writing = useOthersOnMessage(messageId).filter((other) => other.activity === "replying" && other.userId !== me?.id);
  const names = [...new Set(writing.map((other) => other.name))].join(", ");
  const [pending, setPending] = useState<(() => void) | null>(null);

  const warning = names ? (
    <p className="colleague-writing" role="status">
      {names} {writing.length === 1 ? "is" : "are"} writing a reply to this message too.
    </p>
  ) : null;
  const dialog = (
    <Dialog
      open={pending !== null}
      onOpenChange={(open) => !open && setPending(null)}
      title="Send your reply too?"
      description={`${names || "A colleague"} ${writing.length > 1 ? "are" : "is"} writing a reply to this message right now. The buyer would get both.`}
    >
      <div className="dialog-actions">
        <DialogClose asChild>
          <Button>Wait</Button>
        </DialogClose>
        <Button
          variant="primary"
          onClick={() => {
            const send = pending;
            setPending(null);
            send?.();
          }}
        >
          Send anyway
        </Button>
      </div>
    </Dialog>
  );
  return { warning, dialog, guard: (send) => (writing.length > 0 ? setPending(() => send) : send()) };
}
