import { useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { meQueryOptions } from "../../features/auth/session-queries.ts";
import { AlertWebhookForm } from "../../features/spikes/alert-webhook-form.tsx";
import { CampaignSettings } from "../../features/spikes/campaign-settings.tsx";
import "../../features/spikes/spikes.css";

export const Route = createFileRoute("/_signed-in/spikes_/settings")({ component: SpikeSettingsPage });

/** Campaigns (everyone sees them, admins change them) and the alert webhook (admins only). */
function SpikeSettingsPage() {
  const { data: me } = useQuery(meQueryOptions);
  const isAdmin = me?.role === "admin";
  return (
    <div className="spike-settings">
      <header>
        <h1>Campaigns and alerts</h1>
        <Link to="/spikes">Back to spikes</Link>
      </header>
      <CampaignSettings canEdit={isAdmin} />
      {isAdmin ? <AlertWebhookForm /> : <p className="muted">Only an admin can see or change where alerts are sent.</p>}
    </div>
  );
}
