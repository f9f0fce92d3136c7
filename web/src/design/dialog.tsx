import type { ReactNode } from "react";
import * as RadixDialog from "@radix-ui/react-dialog";

/**
 * A modal dialog (Radix: focus kept inside, Escape and the backdrop close it, focus returns to
 * what opened it, the page behind is hidden from screen readers). Controlled by its owner.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  hideTitle = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** The title still names the dialog for screen readers, but is not shown. */
  hideTitle?: boolean;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className="dialog">
          <RadixDialog.Title className={hideTitle ? "visually-hidden" : "dialog-title"}>{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="dialog-description">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="visually-hidden">{title}</RadixDialog.Description>
          )}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Closes the dialog it is in; wraps a button (`asChild`). */
export const DialogClose = RadixDialog.Close;
