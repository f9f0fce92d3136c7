import { queryOptions } from "@tanstack/react-query";
import type { AlertWebhookRequest, CampaignRequest } from "@surgedesk/shared";
import { api, toApiError } from "../../lib/api.ts";

export const campaignsQueryOptions = queryOptions({
  queryKey: ["spikes", "campaigns"],
  queryFn: async () => {
    const res = await api.api.spikes.campaigns.$get();
    if (res.status !== 200) throw await toApiError(res);
    return (await res.json()).items;
  },
});

/** The posts an admin can put in a campaign: the week's posts with messages, busiest first. */
export const campaignPostChoicesQueryOptions = queryOptions({
  queryKey: ["spikes", "overview", "post-choices"],
  queryFn: async () => {
    const res = await api.api.spikes.overview.$get({ query: { minutes: String(7 * 24 * 60), limit: "100" } });
    if (res.status !== 200) throw await toApiError(res);
    return (await res.json()).posts;
  },
});

export async function createCampaign(request: CampaignRequest) {
  const res = await api.api.spikes.campaigns.$post({ json: request });
  if (res.status !== 201) throw await toApiError(res);
  return res.json();
}

export async function changeCampaignPosts(id: string, change: { add?: string[]; remove?: string[] }) {
  const res = await api.api.spikes.campaigns[":id"].posts.$patch({ param: { id }, json: change });
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}

export async function deleteCampaign(id: string) {
  const res = await api.api.spikes.campaigns[":id"].$delete({ param: { id } });
  if (res.status !== 200) throw await toApiError(res);
}

/** The alert webhook's settings, or null when none is configured. */
export const alertWebhookQueryOptions = queryOptions({
  queryKey: ["spikes", "webhook"],
  queryFn: async () => {
    const res = await api.api.spikes.webhook.$get();
    if ((res.status as number) === 404) return null;
    if (res.status !== 200) throw await toApiError(res);
    return res.json();
  },
});

export async function saveAlertWebhook(request: AlertWebhookRequest) {
  const res = await api.api.spikes.webhook.$put({ json: request });
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}

export async function deleteAlertWebhook() {
  const res = await api.api.spikes.webhook.$delete();
  if (res.status !== 200) throw await toApiError(res);
}

export async function sendTestAlert() {
  const res = await api.api.spikes.webhook.test.$post();
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}
