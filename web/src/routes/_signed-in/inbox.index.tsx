import { createFileRoute } from "@tanstack/react-router";

export const Route = createFileRoute("/_signed-in/inbox/")({
  component: () => (
    <p className="empty">
      Pick a message, or press <kbd>j</kbd> / <kbd>k</kbd> to move through the list.
    </p>
  ),
});
