import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { LABELS } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { newId } from "../lib/ids.ts";

export interface BulkSeedOptions {
  workspaceId: string;
  /** Messages are spread over these accounts in turn. */
  accountIds: readonly string[];
  count: number;
  /** Share of messages left open (the rest mostly closed, a few snoozed). */
  openShare?: number;
  /** Assigned to this user now and then (5%), so "assigned to me" views have rows. */
  assigneeId?: string | null;
  /** Seed of the deterministic generator, so runs compare. */
  seed?: number;
  now?: number;
}

const WORDS = ["where", "is", "my", "order", "refund", "code", "broken", "love", "pedido", "donde", "envio", "tracking", "shipping", "size", "scam", "dm", "me", "never", "arrived", "discount"];
const BATCH = 5_000;

/**
 * Fills a workspace with `count` classified messages in a realistic mix (labels, escalations,
 * statuses, a week of ages), 5,000 per `INSERT … SELECT unnest(…)`: for benchmarks and for tests
 * of long queues, where going through the webhook path would only make them slow.
 */
export async function seedBulkMessages(db: Database, options: BulkSeedOptions): Promise<void> {
  const { workspaceId, accountIds, count, openShare = 0.3, assigneeId = null, now = Date.now() } = options;
  let seed = options.seed ?? 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = <T>(weighted: [T, number][]): T => {
    let r = random() * weighted.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of weighted) if ((r -= weight) <= 0) return value;
    return weighted.at(-1)![0];
  };
  const closedShare = (1 - openShare) * 0.93;
  const runId = randomBytes(3).toString("hex");

  for (let done = 0; done < count; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - done) }, (_, i) => {
      const n = done + i;
      const status = pick<"open" | "closed" | "snoozed">([["open", openShare], ["closed", closedShare], ["snoozed", 1 - openShare - closedShare]]);
      const externalId = `bulk-${runId}-${n}`;
      return {
        id: newId("msg"),
        account: accountIds[n % accountIds.length]!,
        platform: n % 3 === 0 ? "tiktok" : "instagram",
        kind: random() < 0.8 ? "comment" : "dm",
        externalId,
        author: `a${Math.floor(random() * 20_000)}`,
        text: Array.from({ length: 4 + Math.floor(random() * 8) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" "),
        createdAt: new Date(now - Math.floor(random() * 7 * 24 * 3600_000)).toISOString(),
        status,
        snoozedUntil: status === "snoozed" ? new Date(now + 3600_000).toISOString() : null,
        label: pick<string>(LABELS.map((l) => [l, l === "other" || l === "praise" ? 15 : l === "order_status" ? 20 : 5])),
        escalation: pick<string>([["high", 5], ["medium", 15], ["low", 80]]),
        assignee: assigneeId && random() < 0.05 ? assigneeId : null,
      };
    });
    const col = <T>(f: (r: (typeof rows)[number]) => T) => sql.param(rows.map(f));
    await db.execute(sql`
      insert into messages (id, workspace_id, account_id, platform, kind, external_id, thread_key, author_external_id,
                            author_handle, text, created_at, status, snoozed_until, label, escalation_level, assignee_id)
      select u.id, ${workspaceId}, u.account, u.platform, u.kind, u.external_id, u.external_id, u.author, u.author, u.text,
             u.created_at, u.status, u.snoozed_until, u.label, u.escalation, u.assignee
      from unnest(${col((r) => r.id)}::text[], ${col((r) => r.account)}::text[], ${col((r) => r.platform)}::text[],
                  ${col((r) => r.kind)}::text[], ${col((r) => r.externalId)}::text[], ${col((r) => r.author)}::text[],
                  ${col((r) => r.text)}::text[], ${col((r) => r.createdAt)}::timestamptz[], ${col((r) => r.status)}::text[],
                  ${col((r) => r.snoozedUntil)}::timestamptz[], ${col((r) => r.label)}::text[], ${col((r) => r.escalation)}::text[],
                  ${col((r) => r.assignee)}::text[])
           as u(id, account, platform, kind, external_id, author, text, created_at, status, snoozed_until, label, escalation, assignee)`);
  }
}
