import type { AuditEntityType } from "@surgedesk/shared";

/** The audit log's filters as the page's URL carries them: days are the user's local days. */
export interface AuditFilters {
  object?: string | undefined;
  type?: AuditEntityType | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  /** First day shown, `YYYY-MM-DD`. */
  from?: string | undefined;
  /** Last day shown, `YYYY-MM-DD`, included. */
  to?: string | undefined;
}

/** Local midnight at the start of a `YYYY-MM-DD` day, `days` later; null for an unreadable day. */
function localMidnight(day: string, days = 0): string | null {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return null;
  const date = new Date(y, m - 1, d + days);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The API's query for these filters: `to` becomes the midnight after the last day. */
export function auditApiQuery(filters: AuditFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.object) query.entityId = filters.object;
  if (filters.type) query.entityType = filters.type;
  if (filters.actor) query.actor = filters.actor;
  if (filters.action) query.action = filters.action;
  const from = filters.from ? localMidnight(filters.from) : null;
  const to = filters.to ? localMidnight(filters.to, 1) : null;
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

export const hasAuditFilters = (filters: AuditFilters) => Object.values(filters).some(Boolean);
