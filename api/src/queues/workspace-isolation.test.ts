import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import type { BulkResult, FilterCount, MessagePage, QueueCounts } from "@surgedesk/shared";
import { messages } from "../db/schema/index.ts";
import { readSse } from "../live/read-sse.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createAccount, createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { seedMessages } from "@surgedesk/devkit/testing/seed-messages.ts";

/** Everything another brand has stays out of sight: lists, search, counts, detail, changes, live events. */
describe("another workspace's data is never visible", () => {
  let t: TestApp;
  let ours: string[];
  let theirs: string[];
  let theirToken: string;
  const get = async <T>(path: string, token?: string) => {
    const res = await t.app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: res.status, body: (await res.json()) as T };
  };
  const post = (path: string, body: unknown) => t.app.send("POST", path, body);

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    ours = await seedMessages(db, { workspaceId: t.workspaceId, accountId: await createAccount(db, t.workspaceId) }, [
      { text: "where is my refund", label: "return_refund", escalation: "high" },
      { text: "love it", label: "praise" },
    ]);
    const other = await createWorkspaceWithAccount(db, "Rival brand");
    theirs = await seedMessages(db, other, [
      { text: "secret rival refund complaint", label: "return_refund", escalation: "high", ageMinutes: 30 * 60 },
      { text: "rival dm", kind: "dm", label: "order_status" },
    ]);
    theirToken = await t.tokenFor("agent", other.workspaceId);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("in every queue, page and search", async () => {
    for (const queue of ["needs_reply", "order_issues", "escalations", "all", "done"]) {
      const { body } = await get<MessagePage>(`/api/messages?queue=${queue}&limit=200`);
      expect(body.items.every((m) => m.workspaceId === t.workspaceId)).toBe(true);
    }
    expect((await get<MessagePage>("/api/messages?q=rival")).body.items).toEqual([]);
    expect((await get<MessagePage>("/api/messages?q=refund")).body.items.map((m) => m.id)).toEqual([ours[0]]);
    expect((await get<MessagePage>(`/api/messages?ids=${theirs.join(",")}`)).body.items).toEqual([]);
    // And the other way round.
    const theirView = await get<MessagePage>("/api/messages?queue=all", theirToken);
    expect(theirView.body.items.map((m) => m.id).sort()).toEqual([...theirs].sort());
  });

  it("in counts and SLA counts", async () => {
    const { body } = await get<QueueCounts>("/api/queues");
    expect(body.queues.find((q) => q.id === "all")?.count).toBe(ours.length);
    // Their 30-hour-old message would be a breach; ours are all recent.
    expect(body.queues.every((q) => q.slaBreached === 0)).toBe(true);
    expect((await get<FilterCount>("/api/queues/count?queue=all")).body.count).toBe(ours.length);
  });

  it("in detail, context and every change", async () => {
    const id = theirs[0]!;
    expect((await get(`/api/messages/${id}`)).status).toBe(404);
    expect((await get(`/api/messages/${id}/context`)).status).toBe(404);
    const patch = await t.app.request(`/api/messages/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "closed" }),
    });
    expect(patch.status).toBe(404);
    expect((await post(`/api/messages/${id}/hide`, {})).status).toBe(404);
    const byIds = (await (await post("/api/triage/bulk", { change: { action: "close" }, target: { ids: theirs } })).json()) as BulkResult;
    expect(byIds).toMatchObject({ matched: 0, changed: 0 });
    const asOf = new Date().toISOString();
    const byFilter = (await (await post("/api/triage/bulk", { change: { action: "close" }, target: { filter: { queue: "all" }, asOf } })).json()) as BulkResult;
    expect(byFilter.matched).toBe(ours.length);
    const rows = await t.database.db.select({ status: messages.status }).from(messages).where(inArray(messages.id, theirs));
    expect(rows.every((r) => r.status === "open")).toBe(true);
    // Their agent cannot undo our bulk change either.
    const undo = await t.app.request(`/api/triage/bulk/${byFilter.bulkActionId}/undo`, { method: "POST", headers: { authorization: `Bearer ${theirToken}` } });
    expect(undo.status).toBe(404);
  });

  it("on the live stream", async () => {
    const stream = readSse(await t.app.request("/api/live/stream"));
    try {
      await stream.next((e) => e.event === "ready");
      const other = theirs[0]!;
      const otherWorkspace = (await t.database.db.select({ w: messages.workspaceId }).from(messages).where(inArray(messages.id, [other])))[0]!.w;
      t.live.events.publish({ type: "messages", workspaceId: otherWorkspace, change: "updated", ids: [other] });
      t.live.events.publish({ type: "presence", workspaceId: otherWorkspace, messageId: other, clientId: "their-console-1", userId: "u", name: "Rival", activity: "viewing", seq: 1 });
      t.live.events.publish({ type: "messages", workspaceId: t.workspaceId, change: "updated", ids: [ours[0]!] });
      const event = await stream.next((e) => e.event === "messages");
      expect(event.data).toEqual({ change: "updated", ids: [ours[0]] });
      expect(JSON.stringify(stream.seen)).not.toContain(other);
      expect(JSON.stringify(stream.seen)).not.toContain("Rival");
    } finally {
      await stream.close();
    }
  });
});
