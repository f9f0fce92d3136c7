/**
 * The queues bar: with 100,000 messages in PostgreSQL, the first page of every queue (and a few
 * filtered views) over HTTP from the real server, p50/p95 per view. Builds a fresh database,
 * fills it with a realistic mix (30% open, escalations, labels, SLA ages, assignments), runs
 * ANALYZE, then times each view. Prints the plan of the "Needs reply" first page with --explain.
 *
 *   pnpm bench:queues [--messages 100000] [--runs 60] [--explain]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config.ts";
import { queryRows } from "../src/db/client.ts";
import { createLogger } from "../src/lib/logger.ts";
import { loadClassifier } from "../src/nlp/classifier.ts";
import { createRuntime } from "../src/runtime.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { seedBulkMessages } from "@surgedesk/devkit/testing/seed-messages.ts";
import { createUserWithToken } from "@surgedesk/devkit/testing/test-users.ts";
import { createAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { ensureWorkspace } from "../src/workspaces/ensure-workspace.ts";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    messages: { type: "string", default: "100000" },
    runs: { type: "string", default: "60" },
    explain: { type: "boolean", default: false },
  },
});
const total = Number(values.messages);
const runs = Number(values.runs);

// eslint-disable-next-line no-restricted-properties -- a benchmark, pointed at a server like the API is
if (!process.env.DATABASE_URL) process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ LOG_LEVEL: "silent", DEMO: "false" }) };
  try {
    const db = database.db;
    const workspaceId = await ensureWorkspace(db, "Bench brand");
    const accounts = [await createAccount(db, workspaceId), await createAccount(db, workspaceId)];
    const token = await createUserWithToken(database, workspaceId, "agent");
    const [agent] = await queryRows<{ id: string }>(db, sql`select id from users limit 1`);

    const started = Date.now();
    await seedBulkMessages(db, { workspaceId, accountIds: accounts, count: total, assigneeId: agent!.id });
    // A fifth of the closed ones were answered first (the rest closed without a reply).
    await db.execute(sql`insert into message_first_responses (message_id, workspace_id, responded_at, response_seconds)
                         select id, workspace_id, created_at + interval '2 hours', 7200 from messages where status = 'closed' and random() < 0.2`);
    await db.execute(sql`analyze`);
    console.log(`${total.toLocaleString("en")} messages stored in ${((Date.now() - started) / 1000).toFixed(1)} s (PostgreSQL, ${database.driver})`);

    const { app, live } = createRuntime({ config, database, logger: createLogger("silent"), classifier: loadClassifier() });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1", createServer }, () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${token}` };

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
      ["Queue counts (sidebar)", "/api/queues"],
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
    if (values.explain) {
      const plan = await queryRows<{ "QUERY PLAN": string }>(
        db,
        sql`explain analyze select id from messages
            where workspace_id = ${workspaceId} and status = 'open' and direction = 'inbound'
              and (label is null or label not in ('spam_scam'))
              and not exists (select 1 from message_first_responses r where r.message_id = messages.id)
            order by escalation_rank, created_at, id limit 51`,
      );
      console.log(`\nNeeds reply, first page:\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
      const done = await queryRows<{ "QUERY PLAN": string }>(
        db,
        sql`explain analyze select id from messages where workspace_id = ${workspaceId} and status = 'closed'
            order by created_at desc, id desc limit 51`,
      );
      console.log(`\nDone, first page:\n${done.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
    server.close();
    await live.stop();
  } finally {
    await database.close();
  }
}

await main();
