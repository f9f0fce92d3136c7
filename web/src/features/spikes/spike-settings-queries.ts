import { queryOptions } from "@tanstack/react-query";
import type { AlertWebhookRequest, CampaignRequest } from "@surgedesk/shared";
import { api, nullOn, request } from "../../lib/api.ts";
import { spikeKeys } from "./spike-queries.ts";

export const campaignsQueryOptions = queryOptions({
  queryKey: spikeKeys.campaigns,
  queryFn: async () => (await request(api.api.spikes.campaigns.$get())).items,
});

/** The posts an admin can put in a campaign: the week's posts with messages, busiest first. */
export const campaignPostChoicesQueryOptions = queryOptions({
  queryKey: spikeKeys.campaignPostChoices,
  queryFn: async () => (await request(api.api.spikes.overview.$get({ query: { minutes: String(7 * 24 * 60), limit: "100" } }))).posts,
});

export function createCampaign(campaign: CampaignRequest) {
  return request(api.api.spikes.campaigns.$post({ json: campaign }));
}

export function changeCampaignPosts(id: string, change: { add?: string[]; remove?: string[] }) {
  return request(api.api.spikes.campaigns[":id"].posts.$patch({ param: { id }, json: change }));
}

export async function deleteCampaign(id: string) {
  await request(api.api.spikes.campaigns[":id"].$delete({ param: { id } }));
}

/** The alert webhook's settings, or null when none is configured. */
export const alertWebhookQueryOptions = queryOptions({
  queryKey: spikeKeys.webhook,
  queryFn: () => nullOn(404, request(api.api.spikes.webhook.$get())),
});

export function saveAlertWebhook(webhook: AlertWebhookRequest) {
  return request(api.api.spikes.webhook.$put({ json: webhook }));
}

export async function deleteAlertWebhook() {
  await request(api.api.spikes.webhook.$delete());
}

export function sendTestAlert() {
  return request(api.api.spikes.webhook.test.$post());
}
