/** The settings pages' cache keys, so an action can refresh what it changed (and the audit log). */
export const settingsKeys = {
  users: ["settings", "users"] as const,
  tokens: ["settings", "tokens"] as const,
  accounts: ["settings", "accounts"] as const,
  audit: ["settings", "audit"] as const,
  ingest: ["settings", "ingest"] as const,
  sla: ["settings", "sla"] as const,
  orders: ["settings", "orders"] as const,
  rules: ["settings", "rules"] as const,
};
