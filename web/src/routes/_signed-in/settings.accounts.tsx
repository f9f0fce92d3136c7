import { createFileRoute } from "@tanstack/react-router";
import { AccountsPage } from "../../features/settings/accounts-page.tsx";

/** `?oauth=<outcome>&channel=<channel>&account=<id>`: how a "Connect" round trip ended (read by the page). */
export const Route = createFileRoute("/_signed-in/settings/accounts")({
  validateSearch: (search: Record<string, unknown>): { oauth?: string; channel?: string; account?: string } => ({
    ...(typeof search.oauth === "string" && { oauth: search.oauth }),
    ...(typeof search.channel === "string" && { channel: search.channel }),
    ...(typeof search.account === "string" && { account: search.account }),
  }),
  component: function AccountsRoute() {
    return <AccountsPage search={Route.useSearch()} />;
  },
});
