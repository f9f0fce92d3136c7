/**
 * The queues bar: with 100,000 messages in PostgreSQL, the first page of every queue (and a few
 * filtered views) over HTTP from the real server, p50/p95 per view. Builds a fresh database,
 * fills it with a realistic mix (30% open, escalations, labels, SLA ages, assignments), runs
 * ANALYZE, then times each view. Prints the plan of the "Needs reply" first page with --explain.
 * Seeding a million messages takes minutes: `--keep` leaves the database in place (and prints its
 * name) and `--reuse NAME` times views on it again, after applying any newer migrations.
 *
 *   pnpm bench:queues [--messages 100000] [--runs 60] [--explain] [--keep | --reuse NAME]
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { sql, type SQL } from "drizzle-orm";
import { loadConfig } from "../src/config.ts";
import { openDatabase, queryRows, type DatabaseHandle } from "../src/db/client.ts";
import { apiTokens } from "../src/db/schema/index.ts";
import { hashSecretToken, newSecretToken } from "../src/auth/secret-token.ts";
import { newId } from "../src/lib/ids.ts";
import { createLogger } from "../src/lib/logger.ts";
import { loadClassifier } from "../src/nlp/classifier.ts";
import { createRuntime } from "../src/runtime.ts";
import { seedBulkMessages } from "@surgedesk/devkit/testing/seed-messages.ts";
import { createUserWithToken } from "@surgedesk/devkit/testing/test-users.ts";
import { createAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { ensureWorkspace } from "../src/workspaces/ensure-workspace.ts";
import { recountQueues } from "../src/queues/recount-queues.ts";
import { queueCountsQuery } from "../src/queues/queue-counts.ts";
import type { QueueCounts } from "@surgedesk/shared";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    messages: { type: "string", default: "100000" },
    runs: { type: "string", default: "60" },
    explain: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
  },
});
if (values.reuse !== undefined && !/^surgedesk_bench_[a-z0-9_]+$/.test(values.reuse)) throw new Error("--reuse takes a database name printed by --keep");
const total = Number(values.messages);
const runs = Number(values.runs);

// eslint-disable-next-line no-restricted-properties -- a benchmark, pointed at a server like the API is
if (!process.env.DATABASE_URL) process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** A database of the benchmark's own on the server of DATABASE_URL: the named one, or a new one. */
async function benchDatabase(serverUrl: string, name: string, create: boolean): Promise<DatabaseHandle & { name: string }> {
  const admin = await openDatabase({ databaseUrl: serverUrl });
  try {
    if (create) await admin.db.execute(sql.raw(`create database ${name}`));
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await handle.migrate();
  return { ...handle, name };
}

async function dropDatabase(serverUrl: string, name: string) {
  const admin = await openDatabase({ databaseUrl: serverUrl });
  await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
  await admin.close();
}

async function main() {
  // eslint-disable-next-line no-restricted-properties -- set above when absent
  const serverUrl = process.env.DATABASE_URL!;
  const name = values.reuse ?? `surgedesk_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const database = await benchDatabase(serverUrl, name, values.reuse === undefined);
  const config = { ...loadConfig({ LOG_LEVEL: "silent", DEMO: "false" }) };
  try {
    const db = database.db;
    const workspaceId = await ensureWorkspace(db, "Bench brand");
    let token: string;
    if (values.reuse) {
      // The seeded agent (who "assigned to me" is) gets a token of this run.
      const [agent] = await queryRows<{ id: string }>(db, sql`select id from users order by created_at, id limit 1`);
      token = newSecretToken("sdt");
      await db.insert(apiTokens).values({ id: newId("tok"), userId: agent!.id, name: "bench", tokenHash: hashSecretToken(token) });
      const [stored] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from messages`);
      await db.execute(sql`vacuum analyze`);
      console.log(`reusing ${name}: ${stored!.n.toLocaleString("en")} messages (seeded earlier; their ages have moved on since)`);
    } else {
      const accounts = [await createAccount(db, workspaceId), await createAccount(db, workspaceId)];
      token = await createUserWithToken(database, workspaceId, "agent");
      const [agent] = await queryRows<{ id: string }>(db, sql`select id from users limit 1`);

      const started = Date.now();
      await seedBulkMessages(db, { workspaceId, accountIds: accounts, count: total, assigneeId: agent!.id });
      // A fifth of the closed ones were answered first (the rest closed without a reply).
      await db.execute(sql`insert into message_first_responses (message_id, workspace_id, responded_at, response_seconds)
                           select id, workspace_id, created_at + interval '2 hours', 7200 from messages where status = 'closed' and random() < 0.2`);
      // The state a running server is in a minute later: housekeeping (or autovacuum) has cleared
      // the tally deltas the seed's fold deleted (143,000 dead rows at 1M, which the counts' index
      // scans otherwise step over: 17 ms of the sidebar's 21).
      await db.execute(sql`vacuum analyze`);
      console.log(`${total.toLocaleString("en")} messages stored in ${((Date.now() - started) / 1000).toFixed(1)} s (PostgreSQL, ${database.driver})`);
      if (values.keep) console.log(`kept as ${name}: time it again with --reuse ${name}`);
    }

    // Tags: one on a tenth of the messages, one on one in two hundred (what a rule or a campaign tags).
    const suffix = randomBytes(3).toString("hex");
    const tagIds = { common: newId("tag"), rare: newId("tag") };
    await db.execute(sql`insert into tags (id, workspace_id, name, colour) values
                         (${tagIds.common}, ${workspaceId}, ${`Common ${suffix}`}, 'blue'), (${tagIds.rare}, ${workspaceId}, ${`Rare ${suffix}`}, 'red')`);
    await db.execute(sql`insert into item_tags (message_id, tag_id, workspace_id)
                         select id, case when random() < 0.05 then ${tagIds.rare} else ${tagIds.common} end, workspace_id
                         from messages where workspace_id = ${workspaceId} and random() < 0.105`);
    await db.execute(sql`analyze item_tags`);

    const { app, live } = createRuntime({ config, database, logger: createLogger("silent"), classifier: loadClassifier() });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1", createServer }, () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${token}` };
    // The agent's saved views, as the sidebar counts them: arbitrary filters, each capped at 1,000.
    const savedViews = [
      { name: "Rare tag", filter: { queue: "all", tag: tagIds.rare } },
      { name: "Common tag, open", filter: { queue: "needs_reply", tag: tagIds.common } },
      { name: "High-risk TikTok DMs", filter: { queue: "escalations", platform: "tiktok", kind: "dm" } },
      { name: "Refunds", filter: { queue: "needs_reply", q: "refund" } },
      { name: "Mine", filter: { queue: "needs_reply", assignee: "me" } },
      { name: "Everything", filter: { queue: "all" } },
    ];
    for (const view of savedViews) {
      const res = await fetch(`${base}/api/views`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ ...view, name: `${view.name} ${suffix}` }) });
      if (res.status !== 201) throw new Error(`saving a view: HTTP ${res.status}`);
    }

    const views: [string, string][] = [
      ["Needs reply", "/api/messages?queue=needs_reply"],
      ["Order issues", "/api/messages?queue=order_issues"],
      ["Promo confusion", "/api/messages?queue=promo_confusion"],
      ["Escalations", "/api/messages?queue=escalations"],
      ["Spam / scam", "/api/messages?queue=spam_scam"],
      ["Done", "/api/messages?queue=done"],
      ["All", "/api/messages?queue=all"],
      ["Needs reply, TikTok DMs", "/api/messages?queue=needs_reply&platform=tiktok&kind=dm"],
      ["Needs reply, search 'refund'", "/api/messages?queue=needs_reply&q=refund"],
      ["Needs reply, SLA breached", "/api/messages?queue=needs_reply&sla=breached"],
      ["Needs reply, assigned to me", "/api/messages?queue=needs_reply&assignee=me"],
      ["All, search 'pedido envio'", "/api/messages?queue=all&q=pedido%20envio"],
      ["All, tag on 0.5%", `/api/messages?queue=all&tag=${tagIds.rare}`],
      ["Needs reply, tag on 0.5%", `/api/messages?queue=needs_reply&tag=${tagIds.rare}`],
      ["Needs reply, tag on 10%", `/api/messages?queue=needs_reply&tag=${tagIds.common}`],
      ["Queue counts (sidebar)", "/api/queues"],
      [`Saved view counts (${savedViews.length} views)`, "/api/views/counts"],
    ];
    console.log(`\nfirst page (50 rows) over HTTP, ${runs} runs after 5 warm-up, milliseconds:`);
    console.log(`${"view".padEnd(34)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"rows".padStart(5)}`);
    for (const [name, path] of views.filter(([name]) => !values.only || name.startsWith(values.only))) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs + 5; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${path}${path.includes("?") ? "&" : "?"}limit=50`, { headers });
        const body = (await res.json()) as { items?: unknown[] };
        const ms = performance.now() - t0;
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
        rows = body.items?.length ?? 0;
        if (i >= 5) times.push(ms);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(34)} ${percentile(times, 50).toFixed(1).padStart(7)} ${percentile(times, 95).toFixed(1).padStart(7)} ${String(rows).padStart(5)}`);
    }
    // The kept counts the sidebar was served must equal a full recount at the same moment.
    const served = await fetch(`${base}/api/queues`, { headers });
    const { queues, asOf } = (await served.json()) as QueueCounts;
    const [me] = await queryRows<{ user_id: string }>(db, sql`select user_id from api_tokens order by created_at desc limit 1`);
    const recounted = await recountQueues(db, { workspaceId, userId: me!.user_id, now: new Date(asOf) });
    const same = JSON.stringify(queues) === JSON.stringify(recounted);
    console.log(`\nqueue counts: kept ${same ? "=" : "differ from"} full recount (${queues.map((q) => `${q.id} ${q.count}/${q.slaWarning}/${q.slaBreached}`).join(", ")})`);
    if (!same) process.exitCode = 1;
    if (values.explain) {
      const needsReply = sql`workspace_id = ${workspaceId} and status = 'open' and direction = 'inbound'
              and (label is null or label not in ('spam_scam'))
              and not exists (select 1 from message_first_responses r where r.message_id = messages.id)`;
      // The keys queries of list-messages.ts, as the views above send them.
      const plans: [string, SQL][] = [
        ["Needs reply", sql`select id from messages where ${needsReply} order by escalation_rank, created_at, id limit 51`],
        ["Done", sql`select id from messages where workspace_id = ${workspaceId} and status = 'closed' order by created_at desc nulls last, id desc nulls last limit 51`],
        ["Needs reply, TikTok DMs", sql`select id from messages where ${needsReply} and platform = 'tiktok' and kind = 'dm' order by escalation_rank, created_at, id limit 51`],
        ["Needs reply, search 'refund'", sql`select id from messages where ${needsReply} and search_vector @@ to_tsquery('simple', 'refund:*') order by escalation_rank, created_at, id limit 51`],
        ["All, search 'pedido envio'", sql`select id from messages where workspace_id = ${workspaceId} and search_vector @@ to_tsquery('simple', 'pedido:* & envio:*') order by created_at desc nulls last, id desc nulls last limit 51`],
      ];
      const tagged = (tagId: string) => sql`id in (select message_id from item_tags where tag_id = ${tagId})`;
      plans.push(
        ["Needs reply, tag on 0.5%", sql`select id from messages where ${needsReply} and ${tagged(tagIds.rare)} order by escalation_rank, created_at, id limit 51`],
        ["Needs reply, tag on 10%", sql`select id from messages where ${needsReply} and ${tagged(tagIds.common)} order by escalation_rank, created_at, id limit 51`],
        ["Saved view count, everything (capped)", sql`select count(*) from (select 1 from messages where workspace_id = ${workspaceId} limit 1001) matched`],
      );
            plans.push(["Queue counts", queueCountsQuery({ workspaceId, now: new Date() })]);
      for (const [name, query] of plans) {
        const plan = await queryRows<{ "QUERY PLAN": string }>(db, sql`explain (analyze, buffers) ${query}`);
        console.log(`\n${name}, first page:\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
      }
    }
    server.close();
    await live.stop();
  } finally {
    await database.close();
    if (!values.keep && !values.reuse) await dropDatabase(serverUrl, name);
  }
}

await main();
