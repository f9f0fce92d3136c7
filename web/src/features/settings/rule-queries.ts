import { queryOptions } from "@tanstack/react-query";
import type { RuleCreate, RulePatch, RuleTestRequest } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

export const rulesQueryOptions = queryOptions({
  queryKey: settingsKeys.rules,
  queryFn: async () => (await request(api.api.moderation.rules.$get())).items,
});

export function createRule(rule: RuleCreate) {
  return request(api.api.moderation.rules.$post({ json: rule }));
}

export function updateRule(id: string, patch: RulePatch) {
  return request(api.api.moderation.rules[":id"].$patch({ param: { id }, json: patch }));
}

export function deleteRule(id: string) {
  return request(api.api.moderation.rules[":id"].$delete({ param: { id } }));
}

export async function reorderRules(ids: string[]) {
  return (await request(api.api.moderation.rules.reorder.$post({ json: { ids } }))).items;
}

export function testRule(test: Pick<RuleTestRequest, "conditions"> & { limit?: number }) {
  return request(api.api.moderation.rules.test.$post({ json: { limit: 1000, ...test } }));
}
