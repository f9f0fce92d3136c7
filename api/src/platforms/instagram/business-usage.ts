import { z } from "zod";

export const BUSINESS_USAGE_HEADER = "x-business-use-case-usage";
export const APP_USAGE_HEADER = "x-app-usage";

const usageNumber = z.coerce.number().finite().nonnegative().catch(0);

const usageEntrySchema = z.object({
  type: z.string().optional(),
  call_count: usageNumber.optional(),
  total_cputime: usageNumber.optional(),
  total_time: usageNumber.optional(),
  /** Minutes until calls are allowed again; 0 while not blocked. */
  estimated_time_to_regain_access: usageNumber.optional(),
});
type UsageEntry = z.infer<typeof usageEntrySchema>;

/** `{"<business id>": [entry, …]}`: one list per business object the token touched. */
const businessUsageSchema = z.record(z.string(), z.array(usageEntrySchema.catch({})));

export interface GraphUsage {
  /** Highest of call count, CPU time and total time, in percent of the rolling hour's budget. */
  percent: number;
  regainAccessMs: number;
}

/** Above this share of the budget, Surgedesk eases off before Meta blocks the account. */
export const SLOW_DOWN_AT_PERCENT = 80;

function toUsage(entries: UsageEntry[]): GraphUsage {
  let percent = 0;
  let regainMinutes = 0;
  for (const entry of entries) {
    percent = Math.max(percent, entry.call_count ?? 0, entry.total_cputime ?? 0, entry.total_time ?? 0);
    regainMinutes = Math.max(regainMinutes, entry.estimated_time_to_regain_access ?? 0);
  }
  return { percent, regainAccessMs: regainMinutes * 60_000 };
}

function parseJsonHeader(value: string | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * Reads Meta's usage headers: `X-Business-Use-Case-Usage` (Instagram's Business Use Case
 * limits) and, on graph.facebook.com, the app-wide `X-App-Usage`. A header that is missing or
 * malformed counts as no usage: it must never turn a good response into a failure.
 */
export function parseGraphUsage(headers: Headers): GraphUsage | undefined {
  const entries: UsageEntry[] = [];
  const business = businessUsageSchema.safeParse(parseJsonHeader(headers.get(BUSINESS_USAGE_HEADER)));
  if (business.success) for (const list of Object.values(business.data)) entries.push(...list);
  const app = usageEntrySchema.safeParse(parseJsonHeader(headers.get(APP_USAGE_HEADER)));
  if (app.success) entries.push(app.data);
  return entries.length > 0 ? toUsage(entries) : undefined;
}

/**
 * How long to pause the account's polling, given its usage. The budget is a rolling hour, so a
 * short pause lets it drain; when Meta already names a time to regain access, wait that long.
 */
export function suggestedSlowDownMs(usage: GraphUsage | undefined): number | undefined {
  if (!usage) return undefined;
  if (usage.regainAccessMs > 0) return usage.regainAccessMs;
  if (usage.percent >= 95) return 5 * 60_000;
  if (usage.percent >= SLOW_DOWN_AT_PERCENT) return 60_000;
  return undefined;
}
