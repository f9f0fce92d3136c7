import { useState, type ReactNode } from "react";
import { Button } from "./button.tsx";
import { Dialog, DialogClose } from "./dialog.tsx";

interface ConfirmButtonProps {
  /** The button that asks. */
  label: string;
  /** What the dialog asks, and what happens on yes. */
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** For the button's accessible name when the label alone is ambiguous in a list ("Disable Kim"). */
  ariaLabel?: string;
}

/**
 * A destructive action behind a question: a modal dialog (Escape or "Cancel" closes it and the
 * focus returns to the button), "Cancel" focused first so Enter never destroys by accident.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled, ariaLabel }: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} disabled={disabled} aria-label={ariaLabel}>
        {label}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={confirmLabel} hideTitle description={question}>
        <div className="dialog-actions">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button
            variant="danger-solid"
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
