import { useEffect, useRef, useState, type ReactNode } from "react";

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
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button type="button" className="danger" ref={opener} onClick={() => setOpen(true)} disabled={disabled} aria-label={ariaLabel}>
        {label}
      </button>
      {open && (
        <dialog
          ref={dialog}
          className="confirm"
          aria-label={confirmLabel}
          onCancel={(event) => {
            event.preventDefault();
            close();
          }}
        >
          <p>{question}</p>
          <div className="actions">
            <button type="button" autoFocus onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className="danger-solid"
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
