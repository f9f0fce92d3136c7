import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { SavedView, SavedViewCounts, SavedViewList, Tag } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createAccount, createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { seedMessages } from "@surgedesk/devkit/testing/seed-messages.ts";
import { auditEvents } from "../db/schema/index.ts";
import { countViews } from "./view-counts.ts";
import { SLA_DEFAULTS } from "@surgedesk/shared";

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp();
  accountId = await createAccount(t.database.db, t.workspaceId);
});
afterAll(async () => {
  await t?.close();
});

const views = async (token?: string) => ((await (await t.app.send("GET", "/api/views", undefined, token)).json()) as SavedViewList).items;
const counts = async (token?: string) => ((await (await t.app.send("GET", "/api/views/counts", undefined, token)).json()) as SavedViewCounts).counts;

describe("saved views", () => {
  it("personal views are their owner's alone; shared views are everyone's to read and admins' to change", async () => {
    const agent = await t.tokenFor("agent");
    const colleague = await t.tokenFor("agent");
    const viewer = await t.tokenFor("viewer");

    const mineRes = await t.app.send("POST", "/api/views", { name: "My DMs", filter: { queue: "needs_reply", kind: "dm", assignee: "me" } }, agent);
    expect(mineRes.status).toBe(201);
    const mine = (await mineRes.json()) as SavedView;
    expect(mine).toMatchObject({ scope: "personal", editable: true, filter: { queue: "needs_reply", kind: "dm", assignee: "me" } });
    // Agents cannot share; admins can.
    expect((await t.app.send("POST", "/api/views", { name: "Team", scope: "shared", filter: { escalation: "high" } }, agent)).status).toBe(403);
    const shared = (await (await t.app.send("POST", "/api/views", { name: "High risk TikTok", scope: "shared", filter: { escalation: "high", platform: "tiktok" } })).json()) as SavedView;
    expect(shared).toMatchObject({ scope: "shared", editable: true });
    // A viewer keeps personal views too: a view only reads.
    expect((await t.app.send("POST", "/api/views", { name: "Reading", filter: { queue: "all" } }, viewer)).status).toBe(201);

    expect((await views(agent)).map((v) => [v.name, v.scope, v.editable])).toEqual([
      ["High risk TikTok", "shared", false],
      ["My DMs", "personal", true],
    ]);
    expect((await views(colleague)).map((v) => v.name)).toEqual(["High risk TikTok"]);
    expect((await t.app.send("PATCH", `/api/views/${mine.id}`, { name: "Stolen" }, colleague)).status).toBe(404);
    expect((await t.app.send("DELETE", `/api/views/${mine.id}`, undefined, colleague)).status).toBe(404);
    expect((await t.app.send("PATCH", `/api/views/${shared.id}`, { name: "Mine now" }, agent)).status).toBe(403);
    expect((await t.app.send("DELETE", `/api/views/${shared.id}`, undefined, agent)).status).toBe(403);

    const renamed = await t.app.send("PATCH", `/api/views/${mine.id}`, { name: "My open DMs", filter: { queue: "all", kind: "dm" } }, agent);
    expect(await renamed.json()).toMatchObject({ name: "My open DMs", filter: { queue: "all", kind: "dm" } });
    expect((await t.app.send("PATCH", `/api/views/${shared.id}`, { name: "High risk" })).status).toBe(200);
    expect((await t.app.send("DELETE", `/api/views/${mine.id}`, undefined, agent)).status).toBe(200);
    expect((await t.app.send("DELETE", `/api/views/${shared.id}`)).status).toBe(200);
    expect(await views(agent)).toEqual([]);

    const elsewhere = await createWorkspaceWithAccount(t.database.db, "Another brand");
    expect(await views(await t.tokenFor("admin", elsewhere.workspaceId))).toEqual([]);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, mine.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["view.create", "view.delete", "view.update"]);
  });

  it("refuses bad views with a 4xx JSON error", async () => {
    const bad: unknown[] = [
      "{not json",
      { name: "", filter: {} },
      { name: "x".repeat(61), filter: {} },
      { name: "Bad queue", filter: { queue: "everything" } },
      { name: "Bad platform", filter: { platform: "myspace" } },
      { name: "Unknown field", filter: { mood: "angry" } },
      { name: "Unknown tag", filter: { tag: "tag_nobody" } },
      { name: "Bad scope", scope: "public", filter: {} },
      { name: "No filter" },
    ];
    for (const body of bad) {
      const res = await t.app.send("POST", "/api/views", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    const view = (await (await t.app.send("POST", "/api/views", { name: "Fine", filter: {} })).json()) as SavedView;
    expect((await t.app.send("PATCH", `/api/views/${view.id}`, {})).status).toBe(400);
    expect((await t.app.send("PATCH", "/api/views/view_nobody", { name: "x" })).status).toBe(404);
    await t.app.send("DELETE", `/api/views/${view.id}`);
  });

  it("counts each view's items, by the viewer's own 'me', and caps large ones", async () => {
    const tag = (await (await t.app.send("POST", "/api/tags", { name: "Counted", colour: "red" })).json()) as Tag;
    const ids = await seedMessages(t.database.db, { workspaceId: t.workspaceId, accountId }, [
      { text: "where is my parcel", escalation: "high", platform: "tiktok" },
      { text: "still nothing arrived", escalation: "high", platform: "tiktok", status: "closed" },
      { text: "love it", escalation: "low", platform: "tiktok" },
      { text: "refund please", escalation: "high", platform: "instagram" },
    ]);
    for (const id of ids.slice(0, 3)) await t.app.send("POST", `/api/messages/${id}/tags`, { tagId: tag.id });
    const agent = await t.tokenFor("agent");
    await t.app.send("POST", `/api/triage/bulk`, { change: { action: "assign", assigneeId: "me" }, target: { ids: [ids[0]] } }, agent);

    const tagged = (await (await t.app.send("POST", "/api/views", { name: "Counted open", filter: { tag: tag.id, queue: "escalations" } }, agent)).json()) as SavedView;
    const mine = (await (await t.app.send("POST", "/api/views", { name: "Mine", filter: { assignee: "me", tag: tag.id } }, agent)).json()) as SavedView;
    const all = (await (await t.app.send("POST", "/api/views", { name: "Counted all", filter: { tag: tag.id } }, agent)).json()) as SavedView;
    const byId = new Map((await counts(agent)).map((c) => [c.id, c]));
    expect(byId.get(tagged.id)).toEqual({ id: tagged.id, count: 1, capped: false });
    expect(byId.get(mine.id)).toEqual({ id: mine.id, count: 1, capped: false });
    expect(byId.get(all.id)).toEqual({ id: all.id, count: 3, capped: false });

    // Past the cap the count stops and says so, whatever the filter holds.
    const scope = { workspaceId: t.workspaceId, userId: "nobody", now: new Date(), sla: SLA_DEFAULTS };
    expect(await countViews(t.database.db, scope, [{ id: "a", filter: { tag: tag.id } }, { id: "b", filter: { tag: tag.id, platform: "instagram" } }], 2)).toEqual([
      { id: "a", count: 2, capped: true },
      { id: "b", count: 0, capped: false },
    ]);
    expect(await countViews(t.database.db, scope, [])).toEqual([]);
  });
});
