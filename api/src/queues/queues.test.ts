import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { PLAYBOOK_SLA_POLICIES, type Message, type MessagePage, type QueueCounts } from "@surgedesk/shared";
import { auditEvents, messageFirstResponses } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { seedMessages, type MessageSpec } from "@surgedesk/devkit/testing/seed-messages.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Each test in a workspace of its own, signed in as its admin, so their messages never mix. */
let workspace: { workspaceId: string; accountId: string; token: string };
beforeEach(async () => {
  const created = await createWorkspaceWithAccount(t.database.db, "Queue test brand");
  workspace = { ...created, token: await t.tokenFor("admin", created.workspaceId) };
});
const request = (path: string, init: RequestInit = {}) =>
  t.app.request(path, { ...init, headers: { authorization: `Bearer ${workspace.token}`, ...init.headers } });
const seed = (specs: MessageSpec[]) => seedMessages(t.database.db, workspace, specs);
const page = async (query: string) => {
  const res = await request(`/api/messages?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as MessagePage;
};
const patch = (id: string, body: unknown) =>
  request(`/api/messages/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("queues", () => {
  it("needs a label: the model's unsure guesses, out of the case-type queues until an agent decides", async () => {
    const [unsure, sure] = await seed([
      { label: "order_status", needsLabel: true, ageMinutes: 30 },
      { label: "order_status", ageMinutes: 20 },
    ]);
    expect((await page("queue=needs_label")).items.map((m) => m.id)).toEqual([unsure]);
    expect((await page("queue=order_issues")).items.map((m) => m.id)).toEqual([sure]);
    const counts = (await (await request("/api/queues")).json()) as QueueCounts;
    expect(counts.queues.find((q) => q.id === "needs_label")).toMatchObject({ count: 1, title: "Needs a label" });

    expect((await patch(unsure!, { label: "not_received" })).status).toBe(200);
    expect((await page("queue=needs_label")).items).toEqual([]);
    expect((await page("queue=order_issues")).items.map((m) => m.id).sort()).toEqual([unsure, sure].sort());

    // Confirming the model's own guess settles it too.
    const [guess] = await seed([{ label: "praise", needsLabel: true }]);
    expect((await patch(guess!, { label: "praise" })).status).toBe(200);
    expect((await page("queue=needs_label")).items).toEqual([]);
  });

  it("needs reply: most urgent first, then oldest, page after page; spam, closed and answered left out", async () => {
    const [lowOld, highNew, mediumOld, highOld, lowNew, spam, closed, answered] = await seed([
      { escalation: "low", ageMinutes: 300 },
      { escalation: "high", ageMinutes: 10 },
      { escalation: "medium", ageMinutes: 200 },
      { escalation: "high", ageMinutes: 100 },
      { escalation: null, label: null, ageMinutes: 5 },
      { label: "spam_scam", escalation: "high", ageMinutes: 400 },
      { status: "closed", escalation: "high", ageMinutes: 400 },
      { escalation: "high", ageMinutes: 500 },
    ]);
    await t.database.db.insert(messageFirstResponses).values({ messageId: answered!, workspaceId: workspace.workspaceId, respondedAt: new Date(), responseSeconds: 60 });
    const seen: Message[] = [];
    let cursor: string | null = null;
    do {
      const next: MessagePage = await page(`queue=needs_reply&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...next.items);
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen.map((m) => m.id)).toEqual([highOld, highNew, mediumOld, lowOld, lowNew]);
    for (const id of [spam, closed, answered]) expect(seen.map((m) => m.id)).not.toContain(id);
    // A cursor from one order cannot be used with another.
    const first = await page("queue=needs_reply&limit=1");
    expect((await request(`/api/messages?queue=needs_reply&sort=newest&cursor=${first.nextCursor}`)).status).toBe(400);
  });

  it("order issues, promo, escalations and spam each hold their own", async () => {
    const ids = await seed([
      { label: "not_received" },
      { label: "promo_confusion" },
      { label: "praise", escalation: "medium" },
      { label: "spam_scam" },
      { label: "order_status", status: "closed" },
    ]);
    const idsOf = async (queue: string) => (await page(`queue=${queue}`)).items.map((m) => m.id);
    expect(await idsOf("order_issues")).toEqual([ids[0]]);
    expect(await idsOf("promo_confusion")).toEqual([ids[1]]);
    expect(await idsOf("escalations")).toEqual([ids[2]]);
    expect(await idsOf("spam_scam")).toEqual([ids[3]]);
    expect(await idsOf("done")).toEqual([ids[4]]);
    expect((await idsOf("all")).sort()).toEqual([...ids].sort());
  });

  it("finds words by prefix in English and Spanish, and authors by handle", async () => {
    const [refund, pedido] = await seed([
      { text: "Still waiting on my REFUND!!", authorHandle: "maria_g" },
      { text: "¿Dónde está mi pedido? Ya pasó una semana" },
    ]);
    expect((await page("q=refu")).items.map((m) => m.id)).toEqual([refund]);
    expect((await page("q=pedido%20semana")).items.map((m) => m.id)).toEqual([pedido]);
    expect((await page("q=maria")).items.map((m) => m.id)).toEqual([refund]);
    // Query syntax typed by an agent is only text.
    expect((await page("q=refund%27%29%20%7C%20%21%3A*")).items.map((m) => m.id)).toEqual([refund]);
  });

  it("counts first-response warnings and breaches per queue, and filters by them", async () => {
    const [fresh, warning, breached] = await seed([
      { ageMinutes: 60 },
      { ageMinutes: 13 * 60 },
      { ageMinutes: 25 * 60 },
      { ageMinutes: 30 * 60, status: "closed" },
    ]);
    const counts = (await (await request("/api/queues")).json()) as QueueCounts;
    expect(counts.queues.find((q) => q.id === "needs_reply")).toMatchObject({ count: 3, slaWarning: 1, slaBreached: 1 });
    expect((await page("queue=needs_reply&sla=breached")).items.map((m) => m.id)).toEqual([breached]);
    expect((await page("queue=needs_reply&sla=warning")).items.map((m) => m.id)).toEqual([warning]);

    // An admin moves the default targets: 30 min warning, 2 h breach; waiting messages follow.
    const policies = { ...PLAYBOOK_SLA_POLICIES, default: { targets: { warningMinutes: 30, breachMinutes: 120 }, businessHoursOnly: false } };
    const put = await request("/api/sla/policies", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(policies),
    });
    expect(put.status).toBe(200);
    const moved = (await (await request("/api/queues")).json()) as QueueCounts;
    expect(moved.queues.find((q) => q.id === "needs_reply")).toMatchObject({ slaWarning: 1, slaBreached: 2 });
    expect((await page("queue=needs_reply&sla=warning")).items.map((m) => m.id)).toEqual([fresh]);
    expect(await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, workspace.workspaceId))).toMatchObject([{ action: "sla.policies_update" }]);
    const agent = await t.tokenFor("agent", workspace.workspaceId);
    const refused = await t.app.request("/api/sla/policies", {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${agent}` },
      body: JSON.stringify(policies),
    });
    expect(refused.status).toBe(403);
  });

  it("assigns to me, snoozes until a time, and a due snooze comes back open", async () => {
    const [id] = await seed([{}]);
    expect((await patch(id!, { assigneeId: "me" })).status).toBe(200);
    expect((await page("assignee=me")).items.map((m) => m.id)).toContain(id);
    expect((await patch(id!, { status: "snoozed" })).status).toBe(400);
    const until = new Date(Date.now() + 60_000).toISOString();
    const snoozed = (await (await patch(id!, { status: "snoozed", snoozedUntil: until })).json()) as Message;
    expect(snoozed).toMatchObject({ status: "snoozed", snoozedUntil: until });
    expect((await page("queue=needs_reply")).items.map((m) => m.id)).not.toContain(id);
    expect(await t.live.wakeSnoozed(new Date(Date.now() + 120_000))).toBe(1);
    expect((await page("queue=needs_reply")).items.find((m) => m.id === id)).toMatchObject({ status: "open", snoozedUntil: null });
    const trail = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id!)).orderBy(auditEvents.createdAt, auditEvents.id);
    expect(trail.map((a) => a.action)).toEqual(["message.update", "message.update", "message.snooze_ended"]);
  });
});
