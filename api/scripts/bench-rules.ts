/**
 * `pnpm bench:rules`: what moderation rules add to an ingest batch. Stores 500-message batches
 * as the ingest worker does (`storeMessages`: lookups, classification, contacts, posts, the
 * INSERT) and runs the workspace's rules over each batch in the same transaction
 * (`moderateMessages`), timing both. The workspace has the two default rules plus eight more
 * (long keyword lists, contact details, labels, author history), some live, so matches write
 * outcomes and audit entries as they would in production; about 5% of the comments are scams.
 *
 * The share printed is of the batch's database work only — the webhook, the raw event and the
 * HTTP answer come on top — so the share of the whole ingest path is smaller still.
 * `--batches N` (default 30). Runs on PGlite, or on PostgreSQL with DATABASE_URL.
 */
import { performance } from "node:perf_hooks";
import type { NormalizedMessage } from "../src/connectors/contract.ts";
import { connectedAccounts, moderationRules } from "../src/db/schema/index.ts";
import { storeMessagesWithFacts } from "../src/ingest/store-messages.ts";
import { newId } from "../src/lib/ids.ts";
import { createWorkspaceClassifiers } from "../src/model-training/workspace-classifiers.ts";
import { moderateMessages } from "../src/moderation/moderate-messages.ts";
import { createRuleCache } from "../src/moderation/rule-cache.ts";
import { loadClassifier } from "../src/nlp/classifier.ts";
import { ensureWorkspace } from "../src/workspaces/ensure-workspace.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";

const BATCH = 500;
const WARMUP = 3;

const TEXTS = [
  "where is my order?? been 2 weeks",
  "package says delivered but nothing here",
  "my serum arrived broken 😭",
  "love love love 💖 bought 3 for my sisters",
  "does it come in a travel size?",
  "¿hacen envío a Canarias?",
  "the discount code GLOW20 doesn't work at checkout",
  "can I change my address?",
  "is this cruelty free",
  "omg the packaging is so cute",
];
const SCAMS = ["🔥 Want to earn $500/day from home? DM me 🔥", "free iphone 15 giveaway 👉 bit.ly/free-ip15", "message me on WhatsApp +1 415 555 0199 for crypto trading signals"];

function batchesFromArgs(): number {
  const at = process.argv.indexOf("--batches");
  if (at < 0) return 30;
  const n = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error("--batches takes a positive integer");
  return n;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const batches = batchesFromArgs();
  const database = await createTestDatabase();
  const db = database.db;
  const workspaceId = await ensureWorkspace(db, "Bench brand");
  const accountExternalId = "17841400000099999";
  await db.insert(connectedAccounts).values({ id: newId("acct"), workspaceId, platform: "instagram", channel: "instagram", externalAccountId: accountExternalId });
  const classifiers = createWorkspaceClassifiers(db, loadClassifier());
  const rules = createRuleCache();

  let sequence = 0;
  const makeBatch = (): NormalizedMessage[] =>
    Array.from({ length: BATCH }, () => {
      sequence += 1;
      const scam = sequence % 20 === 0;
      const author = `bench-${sequence % 3_000}`;
      return {
        platform: "instagram",
        channel: "instagram",
        kind: "comment",
        direction: "inbound",
        externalId: `bench-${sequence}`,
        parentExternalId: null,
        threadKey: `instagram:comment:bench-${sequence}`,
        authorExternalId: author,
        authorHandle: author,
        contactExternalId: author,
        contactHandle: author,
        text: scam ? SCAMS[sequence % SCAMS.length]! : `${TEXTS[sequence % TEXTS.length]!} (${sequence})`,
        likes: 0,
        visibility: "visible",
        createdAt: new Date(Date.now() - (BATCH - (sequence % BATCH)) * 100),
        accountExternalId,
        post: { externalId: `reel-${sequence % 12}`, productType: "REELS" },
      };
    });

  async function phase(label: string) {
    const store: number[] = [];
    const moderate: number[] = [];
    for (let i = 0; i < WARMUP + batches; i += 1) {
      const incoming = makeBatch().map((message) => ({ message, inboundEventId: null }));
      await db.transaction(async (tx) => {
        const t0 = performance.now();
        const { facts } = await storeMessagesWithFacts(tx, incoming, { classifiers });
        const t1 = performance.now();
        await moderateMessages(tx, rules, facts);
        const t2 = performance.now();
        if (i >= WARMUP) {
          store.push(t1 - t0);
          moderate.push(t2 - t1);
        }
      });
    }
    const s = median(store);
    const m = median(moderate);
    console.log(`${label}: storing a batch ${s.toFixed(1)} ms, running the rules ${m.toFixed(1)} ms (median): ${((100 * m) / (s + m)).toFixed(1)}% of the batch`);
  }

  console.log(`database: ${database.driver}, ${batches} batches of ${BATCH} comments each phase`);
  await phase("the 2 default rules (dry run)");
  const phrases = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix} ${i}`);
  await db.insert(moderationRules).values(
    [
      { name: "Off-platform contact", mode: "live" as const, conditions: { hasContactDetails: true, kinds: ["comment" as const] }, actions: [{ type: "resolve" as const }] },
      { name: "Shorteners", mode: "dry_run" as const, conditions: { hasShortener: true }, actions: [{ type: "hide" as const }] },
      { name: "Angry, high risk", mode: "live" as const, conditions: { escalationLevels: ["high" as const] }, actions: [{ type: "notify" as const, note: "high risk" }] },
      { name: "Spanish shipping", mode: "dry_run" as const, conditions: { keywords: ["envío", "envio", "canarias", ...phrases("envío a")] }, actions: [{ type: "resolve" as const }] },
      { name: "Promo words", mode: "dry_run" as const, conditions: { labels: ["promo_confusion" as const], keywords: phrases("code") }, actions: [{ type: "notify" as const }] },
      { name: "Repeat offenders", mode: "dry_run" as const, conditions: { authorPreviouslyHidden: true }, actions: [{ type: "hide" as const }] },
      { name: "First-timers with links", mode: "dry_run" as const, conditions: { firstMessageFromAuthor: true, hasLink: true }, actions: [{ type: "notify" as const }] },
      { name: "Long list", mode: "dry_run" as const, conditions: { keywords: phrases("never said") }, actions: [{ type: "resolve" as const }] },
    ].map((rule, i) => ({ id: newId("rule"), workspaceId, position: 2 + i, enabled: true, stopProcessing: false, ...rule })),
  );
  rules.invalidate(workspaceId);
  await phase("10 rules (2 default, 3 live) ");
  await database.close();
}

await main();
