import { EmptyState } from "../../design/empty-state.tsx";
import { createFileRoute } from "@tanstack/react-router";

export const Route = createFileRoute("/_signed-in/inbox/")({
  component: () => (
    <EmptyState title="No message open.">
      <p>
        Pick a message in the list, or press <kbd>j</kbd> / <kbd>k</kbd> to move through it and <kbd>?</kbd> for every shortcut.
      </p>
    </EmptyState>
  ),
});
