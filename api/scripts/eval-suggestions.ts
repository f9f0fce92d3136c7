/**
 * Do the suggestions fit? Starts the product in demo mode on a database of its own (the demo's
 * launch delivered and processed), asks for every customer message's suggestions as the console
 * does, and prints the share of messages whose top suggestion is made for their case type and
 * written in their language (the workspace's when theirs has no macro), by case type. Spam must
 * get no macro and the advice to hide it. Bar: ≥ 90% of the messages a macro exists for.
 *
 *   pnpm eval:suggestions            (PGlite; DATABASE_URL for PostgreSQL)
 */
import { and, eq } from "drizzle-orm";
import { LABEL_INFO, type Label } from "@surgedesk/shared";
import { startSettledDemo } from "./settled-demo.ts";
import { messages } from "../src/db/schema/index.ts";
import { loadReplyTarget } from "../src/replies/reply-target.ts";
import { suggestReplies, WORKSPACE_LANGUAGE } from "../src/replies/suggest-replies.ts";
import { listMacros } from "../src/replies/macro-store.ts";

const { config, running, db, workspaceId } = await startSettledDemo();
const library = await listMacros(db, workspaceId);
const served = new Set(library.flatMap((m) => m.labels));
const inbound = await db
  .select({ id: messages.id, label: messages.label, language: messages.classification })
  .from(messages)
  .where(and(eq(messages.workspaceId, workspaceId), eq(messages.direction, "inbound")));

interface Tally {
  messages: number;
  fit: number;
}
const byLabel = new Map<string, Tally>();
const misfits: string[] = [];
let spam = 0;
let spamHandled = 0;
let unserved = 0;
for (const row of inbound) {
  const label = row.label as Label | null;
  const target = await loadReplyTarget(db, workspaceId, row.id);
  const result = await suggestReplies({ db, config, connectors: running.services.connectors, workspaceId, agentName: "Eval", target });
  if (label === "spam_scam") {
    spam += 1;
    if (result.suggestions.length === 0 && result.advice === "hide") spamHandled += 1;
    continue;
  }
  if (!label || !served.has(label)) {
    unserved += 1;
    continue;
  }
  const own = row.language?.language;
  const wanted = own === "en" || own === "es" ? own : WORKSPACE_LANGUAGE;
  const top = result.suggestions[0]?.macro;
  // Its own language, or the workspace's when no macro for its case is written in its own.
  const hasOwn = library.some((m) => m.labels.includes(label) && m.language === wanted);
  const fits = !!top && top.labels.includes(label) && top.language === (hasOwn ? wanted : WORKSPACE_LANGUAGE);
  const tally = byLabel.get(label) ?? { messages: 0, fit: 0 };
  tally.messages += 1;
  if (fits) tally.fit += 1;
  else if (misfits.length < 10) misfits.push(`${label} (${own}): ${top ? `${top.title} [${top.language}]` : "nothing suggested"}`);
  byLabel.set(label, tally);
}
await running.stop();

const total = [...byLabel.values()].reduce((a, t) => ({ messages: a.messages + t.messages, fit: a.fit + t.fit }), { messages: 0, fit: 0 });
const pct = (n: number, of: number) => (of === 0 ? "–" : `${((100 * n) / of).toFixed(1)}%`);
console.log("case type".padEnd(28) + "messages".padStart(9) + "top fits".padStart(10));
for (const [label, tally] of [...byLabel].sort((a, b) => b[1].messages - a[1].messages)) {
  console.log(LABEL_INFO[label as Label].title.padEnd(28) + String(tally.messages).padStart(9) + pct(tally.fit, tally.messages).padStart(10));
}
console.log(`fit:        ${total.fit} of ${total.messages} messages (${pct(total.fit, total.messages)}) have a top suggestion for their case type and language (bar ≥ 90%)`);
console.log(`spam:       ${spamHandled} of ${spam} spam/scam messages get no macro and the advice to hide`);
console.log(`no macro:   ${unserved} messages have a case type no macro serves (other, or no label yet): the composer, not a macro`);
if (misfits.length > 0) console.log(`misfits (first ${misfits.length}):\n  ${misfits.join("\n  ")}`);
process.exit(total.messages > 0 && total.fit / total.messages >= 0.9 && spamHandled === spam ? 0 : 1);
