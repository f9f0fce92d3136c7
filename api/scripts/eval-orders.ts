/**
 * Does the order lookup find the order? Starts the product in demo mode on a database of its own
 * (the demo's launch delivered and processed, the emulated shops seeded), asks for every
 * order-issue message's suggestions as the console does, oldest first (as agents answer them, so
 * a buyer's earlier message links their orders), and prints:
 *
 *   found: NN%   order-issue messages whose order was found (bar ≥ 90%)
 *   filled: NN%  order-issue messages whose top suggested macro has every variable filled (bar ≥ 80%)
 *
 *   pnpm eval:orders            (PGlite; DATABASE_URL for PostgreSQL)
 */
import { and, asc, eq } from "drizzle-orm";
import { LABEL_INFO, type Label } from "@surgedesk/shared";
import { startSettledDemo } from "./settled-demo.ts";
import { messages } from "../src/db/schema/index.ts";
import { loadReplyTarget } from "../src/replies/reply-target.ts";
import { suggestReplies } from "../src/replies/suggest-replies.ts";

const { config, running, db, workspaceId } = await startSettledDemo();
const inbound = await db
  .select({ id: messages.id, label: messages.label, text: messages.text })
  .from(messages)
  .where(and(eq(messages.workspaceId, workspaceId), eq(messages.direction, "inbound")))
  .orderBy(asc(messages.createdAt));

let items = 0;
let found = 0;
let filled = 0;
const byOutcome = new Map<string, number>();
const misses: string[] = [];
const holes: string[] = [];
for (const row of inbound) {
  const label = row.label as Label | null;
  if (!label || !LABEL_INFO[label].orderIssue) continue;
  items += 1;
  const target = await loadReplyTarget(db, workspaceId, row.id);
  const result = await suggestReplies({ db, config, connectors: running.services.connectors, workspaceId, agentName: "Eval", target });
  byOutcome.set(result.order.outcome, (byOutcome.get(result.order.outcome) ?? 0) + 1);
  if (result.order.outcome === "found") found += 1;
  else misses.push(`${label}: "${row.text.slice(0, 70)}" → ${result.order.outcome}: ${result.order.reason ?? ""}`);
  const top = result.suggestions[0];
  if (top && top.rendered.missing.length === 0) filled += 1;
  else holes.push(`${label}: "${row.text.slice(0, 70)}" → ${top ? `${top.macro.title} needs ${top.rendered.missing.join(", ")}` : "no suggestion"}`);
}
await running.stop();

const pct = (n: number) => (items === 0 ? "–" : `${Math.round((100 * n) / items)}%`);
console.log(`order-issue messages: ${items} (${[...byOutcome].map(([k, v]) => `${k} ${v}`).join(", ")})`);
if (misses.length > 0) console.log(`not found:\n  ${misses.join("\n  ")}`);
if (holes.length > 0) console.log(`top macro not filled:\n  ${holes.join("\n  ")}`);
console.log(`found: ${pct(found)} (${found} of ${items}; bar ≥ 90%)`);
console.log(`filled: ${pct(filled)} (${filled} of ${items}; bar ≥ 80%)`);
process.exit(items > 0 && found / items >= 0.9 && filled / items >= 0.8 ? 0 : 1);
