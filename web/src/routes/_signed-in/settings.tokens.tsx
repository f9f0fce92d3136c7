import { createFileRoute } from "@tanstack/react-router";
import { AdminOnly } from "../../features/settings/admin-only.tsx";
import { TokensPage } from "../../features/settings/tokens-page.tsx";

export const Route = createFileRoute("/_signed-in/settings/tokens")({
  component: () => (
    <AdminOnly title="API tokens" what="manage API tokens">
      <TokensPage />
    </AdminOnly>
  ),
});
