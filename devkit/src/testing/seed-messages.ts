import { randomBytes } from "node:crypto";
import { eq, getTableColumns, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import {
  LABELS,
  type ClassificationLanguage,
  type EscalationLevel,
  type Label,
  type MessageKind,
  type MessageStatus,
  type Platform,
} from "@surgedesk/shared";
import type { Database } from "@surgedesk/api/db/client.ts";
import { messages } from "@surgedesk/api/db/schema/index.ts";
import { newId } from "@surgedesk/api/lib/ids.ts";
import { slaDeadlines, type SlaSettings } from "@surgedesk/api/sla/sla-deadlines.ts";
import { loadSlaSettings } from "@surgedesk/api/sla/sla-settings.ts";
import { testClassifier } from "./test-classifier.ts";

/** Where seeded messages land. */
export interface MessageScope {
  workspaceId: string;
  accountId: string;
}

/**
 * One message with what a test cares about; everything else gets a plausible, unique default
 * (an open, inbound Instagram comment labelled `other`, low escalation, from its own author).
 */
export interface MessageSpec {
  /** Another account of the scope's workspace. */
  accountId?: string;
  text?: string;
  platform?: Platform;
  kind?: MessageKind;
  direction?: "inbound" | "outbound";
  externalId?: string;
  parentExternalId?: string | null;
  threadKey?: string;
  authorExternalId?: string;
  authorHandle?: string | null;
  postId?: string | null;
  createdAt?: Date;
  /** Minutes before now it was written (when `createdAt` is not given). */
  ageMinutes?: number;
  status?: MessageStatus;
  snoozedUntil?: Date | null;
  assigneeId?: string | null;
  label?: Label | null;
  escalation?: EscalationLevel | null;
  /** The model was unsure of the label. */
  needsLabel?: boolean;
  /**
   * Classified by the shipped model as ingestion would (scores, escalation, entities), for tests
   * that start from a message rather than from a webhook; `label` and `language` then override.
   */
  classified?: boolean;
  language?: ClassificationLanguage;
}

type MessageRow = Omit<typeof messages.$inferInsert, "createdAt"> & { id: string; threadKey: string; createdAt: Date };

let sequence = 0;
const runId = randomBytes(3).toString("hex");
const BATCH = 5_000;

function messageRow(scope: MessageScope, spec: MessageSpec, now: number): MessageRow {
  sequence += 1;
  const platform = spec.platform ?? "instagram";
  const kind = spec.kind ?? "comment";
  const externalId = spec.externalId ?? `seed-${runId}-${sequence}`;
  const row: MessageRow = {
    id: newId("msg"),
    workspaceId: scope.workspaceId,
    accountId: spec.accountId ?? scope.accountId,
    postId: spec.postId ?? null,
    platform,
    kind,
    direction: spec.direction ?? "inbound",
    externalId,
    parentExternalId: spec.parentExternalId ?? null,
    // As ingestion groups them: the top-level comment, or the conversation.
    threadKey: spec.threadKey ?? `${platform}:${kind}:${spec.parentExternalId ?? externalId}`,
    authorExternalId: spec.authorExternalId ?? `a${sequence}`,
    authorHandle: spec.authorHandle === undefined ? `buyer_${sequence}` : spec.authorHandle,
    text: spec.text ?? `message ${sequence}`,
    createdAt: spec.createdAt ?? new Date(now - (spec.ageMinutes ?? sequence % 600) * 60_000),
    status: spec.status ?? "open",
    snoozedUntil: spec.snoozedUntil ?? null,
    assigneeId: spec.assigneeId ?? null,
    label: spec.label === undefined ? "other" : spec.label,
    needsLabel: spec.needsLabel ?? false,
    escalationLevel: spec.escalation === undefined ? "low" : spec.escalation,
  };
  if (!spec.classified) return row;
  const classification = testClassifier().classify(row.text);
  if (spec.label) classification.label = spec.label;
  if (spec.language) classification.language = spec.language;
  return {
    ...row,
    label: classification.label,
    labelScore: classification.scores[classification.label] ?? null,
    escalationLevel: spec.escalation ?? classification.escalation.level,
    escalationScore: classification.escalation.score,
    classification,
  };
}

/** The deadlines ingestion would store, from the workspace's SLA policies; a snoozed one's clock stopped at `now`. */
function withSlaDeadlines(row: MessageRow, settings: SlaSettings, now: number): MessageRow {
  const facts = { direction: row.direction ?? "inbound", kind: row.kind, platform: row.platform, label: row.label ?? null, escalationLevel: row.escalationLevel ?? null };
  return { ...row, ...slaDeadlines(facts, row.createdAt, settings), slaPausedAt: row.status === "snoozed" ? new Date(now) : null };
}

/**
 * Writes messages straight to the table, for tests and benchmarks that need them in place
 * rather than gathered (ingestion has tests of its own). Returns their ids, in order.
 */
export async function seedMessages(db: Database, scope: MessageScope, specs: MessageSpec[], now = Date.now()): Promise<string[]> {
  const settings = await loadSlaSettings(db, scope.workspaceId);
  const rows = specs.map((spec) => withSlaDeadlines(messageRow(scope, spec, now), settings, now));
  for (let i = 0; i < rows.length; i += BATCH) await insertRows(db, rows.slice(i, i + BATCH));
  return rows.map((row) => row.id);
}

/**
 * One `INSERT … SELECT unnest(…)` with each column a single array parameter: 100,000 rows take
 * seconds, where a VALUES list with a parameter per field is several times slower.
 */
async function insertRows(db: Database, rows: MessageRow[]) {
  const columns = Object.entries(getTableColumns(messages))
    .filter(([key]) => rows.some((row) => key in row))
    .map(([key, column]) => ({ key, column, values: rows.map((row) => row[key as keyof MessageRow] ?? null) }));
  const names = sql.join(columns.map(({ key }) => sql.identifier(toSnakeCase(key))), sql`, `);
  const arrays = columns.map(
    ({ column, values }) =>
      sql`${sql.param(values.map((v) => (v === null ? null : column.mapToDriverValue(v))))}::${sql.raw(column.getSQLType())}[]`,
  );
  await db.execute(sql`insert into messages (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`);
}

/** One message, returned as stored. */
export async function seedMessage(db: Database, scope: MessageScope, spec: MessageSpec = {}) {
  const [id] = await seedMessages(db, scope, [spec]);
  const [row] = await db.select().from(messages).where(eq(messages.id, id!));
  return row!;
}

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

/**
 * `count` messages in a realistic mix (labels, escalations, statuses, a week of ages), from a
 * deterministic generator: for benchmarks and for tests of long queues.
 */
export function bulkMessageSpecs(options: BulkSeedOptions): MessageSpec[] {
  const { accountIds, count, openShare = 0.3, assigneeId = null, now = Date.now() } = options;
  let seed = options.seed ?? 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = <T>(weighted: [T, number][]): T => {
    let r = random() * weighted.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of weighted) if ((r -= weight) <= 0) return value;
    return weighted.at(-1)![0];
  };
  const closedShare = (1 - openShare) * 0.93;
  return Array.from({ length: count }, (_, n): MessageSpec => {
    const status = pick<MessageStatus>([["open", openShare], ["closed", closedShare], ["snoozed", 1 - openShare - closedShare]]);
    const author = `a${Math.floor(random() * 20_000)}`;
    return {
      accountId: accountIds[n % accountIds.length]!,
      platform: n % 3 === 0 ? "tiktok" : "instagram",
      kind: random() < 0.8 ? "comment" : "dm",
      authorExternalId: author,
      authorHandle: author,
      text: Array.from({ length: 4 + Math.floor(random() * 8) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" "),
      createdAt: new Date(now - Math.floor(random() * 7 * 24 * 3600_000)),
      status,
      snoozedUntil: status === "snoozed" ? new Date(now + 3600_000) : null,
      label: pick<Label>(LABELS.map((l) => [l, l === "other" || l === "praise" ? 15 : l === "order_status" ? 20 : 5])),
      escalation: pick<EscalationLevel>([["high", 5], ["medium", 15], ["low", 80]]),
      assigneeId: assigneeId && random() < 0.05 ? assigneeId : null,
    };
  });
}

/** Fills a workspace with `bulkMessageSpecs(options)`. */
export async function seedBulkMessages(db: Database, options: BulkSeedOptions): Promise<void> {
  await seedMessages(db, { workspaceId: options.workspaceId, accountId: options.accountIds[0]! }, bulkMessageSpecs(options), options.now);
}
