import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import type { BulkResult, BulkUndoResult, MessageDetail, MessagePage, Tag, TagList } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createAccount, createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { seedMessages } from "@surgedesk/devkit/testing/seed-messages.ts";
import { auditEvents, itemTags } from "../db/schema/index.ts";

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp();
  accountId = await createAccount(t.database.db, t.workspaceId);
});
afterAll(async () => {
  await t?.close();
});

const makeTag = async (name: string, colour = "blue") => {
  const res = await t.app.send("POST", "/api/tags", { name, colour });
  expect(res.status).toBe(201);
  return (await res.json()) as Tag;
};
const listIds = async (query: string) => ((await (await t.app.request(`/api/messages?${query}`)).json()) as MessagePage).items.map((m) => m.id);

describe("tags", () => {
  it("create, rename, recolour and delete, each audited; names are unique ignoring case", async () => {
    const tag = await makeTag("VIP buyer", "purple");
    expect(tag).toMatchObject({ name: "VIP buyer", colour: "purple", itemCount: 0 });
    expect((await t.app.send("POST", "/api/tags", { name: "vip BUYER" })).status).toBe(409);
    const renamed = await t.app.send("PATCH", `/api/tags/${tag.id}`, { name: "VIP", colour: "pink" });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: "VIP", colour: "pink" });
    const list = (await (await t.app.request("/api/tags")).json()) as TagList;
    expect(list.items.map((i) => i.name)).toContain("VIP");
    expect((await t.app.send("DELETE", `/api/tags/${tag.id}`)).status).toBe(200);
    expect((await t.app.send("DELETE", `/api/tags/${tag.id}`)).status).toBe(404);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, tag.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["tag.create", "tag.delete", "tag.update"]);
  });

  it("refuses bad tags with a 4xx JSON error", async () => {
    const existing = await makeTag("Influencer");
    const bad: [string, string, unknown][] = [
      ["POST", "/api/tags", "{not json"],
      ["POST", "/api/tags", { name: "" }],
      ["POST", "/api/tags", { name: "   " }],
      ["POST", "/api/tags", { name: "x".repeat(41) }],
      ["POST", "/api/tags", { name: "ok", colour: "#ff0000" }],
      ["POST", "/api/tags", { name: "bell\u0007" }],
      ["POST", "/api/tags", { name: "ok", extra: true }],
      ["PATCH", `/api/tags/${existing.id}`, {}],
      ["PATCH", `/api/tags/${existing.id}`, { colour: "chartreuse" }],
    ];
    for (const [method, path, body] of bad) {
      const res = await t.app.send(method, path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect((await t.app.send("PATCH", "/api/tags/tag_nobody", { name: "x" })).status).toBe(404);
    const other = await makeTag("Other");
    expect((await t.app.send("PATCH", `/api/tags/${other.id}`, { name: "influencer" })).status).toBe(409);
  });

  it("agents tag and untag; viewers read only; another workspace's tag or message is unknown", async () => {
    const tag = await makeTag("Wholesale lead", "green");
    const [id] = await seedMessages(t.database.db, { workspaceId: t.workspaceId, accountId }, [{ text: "do you sell in bulk to shops?" }]);
    const viewer = await t.tokenFor("viewer");
    expect((await t.app.send("POST", `/api/messages/${id}/tags`, { tagId: tag.id }, viewer)).status).toBe(403);
    expect((await t.app.send("POST", "/api/tags", { name: "Nope" }, viewer)).status).toBe(403);
    expect((await t.app.send("GET", "/api/tags", undefined, viewer)).status).toBe(200);

    const agent = await t.tokenFor("agent");
    const tagged = await t.app.send("POST", `/api/messages/${id}/tags`, { tagId: tag.id }, agent);
    expect(tagged.status).toBe(200);
    expect(((await tagged.json()) as MessageDetail).tags).toEqual([{ id: tag.id, name: "Wholesale lead", colour: "green" }]);
    // Again: nothing changes, nothing is audited twice.
    expect((await t.app.send("POST", `/api/messages/${id}/tags`, { tagId: tag.id }, agent)).status).toBe(200);
    expect((await t.app.send("POST", `/api/messages/${id}/tags`, { tagId: "tag_nobody" }, agent)).status).toBe(404);
    expect((await t.app.send("POST", `/api/messages/${id}/tags`, {}, agent)).status).toBe(400);
    expect((await t.app.send("POST", `/api/messages/msg_nobody/tags`, { tagId: tag.id }, agent)).status).toBe(404);

    const elsewhere = await createWorkspaceWithAccount(t.database.db, "Another brand");
    const stranger = await t.tokenFor("admin", elsewhere.workspaceId);
    expect((await t.app.send("POST", `/api/messages/${id}/tags`, { tagId: tag.id }, stranger)).status).toBe(404);
    const theirs = (await (await t.app.send("POST", "/api/tags", { name: "Theirs" }, stranger)).json()) as Tag;
    expect((await t.app.send("POST", `/api/messages/${id}/tags`, { tagId: theirs.id }, agent)).status).toBe(404);
    expect((await t.app.send("GET", "/api/tags", undefined, stranger)).status).toBe(200);
    expect(((await (await t.app.send("GET", "/api/tags", undefined, stranger)).json()) as TagList).items.map((i) => i.name)).toEqual(["Theirs"]);

    const untagged = await t.app.send("DELETE", `/api/messages/${id}/tags/${tag.id}`, undefined, agent);
    expect(((await untagged.json()) as MessageDetail).tags).toEqual([]);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id!));
    expect(audit.map((a) => a.action).sort()).toEqual(["message.tag", "message.untag"]);
  });

  it("filters queues and search by tag, shows tags on rows, and a deleted tag leaves its items", async () => {
    const tag = await makeTag("Press", "teal");
    const ids = await seedMessages(t.database.db, { workspaceId: t.workspaceId, accountId }, [
      { text: "journalist here, can we talk about the launch?" },
      { text: "journalist asking for a quote" },
      { text: "when does the journalist discount end" },
    ]);
    for (const id of ids.slice(0, 2)) expect((await t.app.send("POST", `/api/messages/${id}/tags`, { tagId: tag.id })).status).toBe(200);
    expect((await listIds(`tag=${tag.id}`)).sort()).toEqual(ids.slice(0, 2).sort());
    expect(await listIds(`tag=${tag.id}&queue=needs_reply&sort=priority`)).toHaveLength(2);
    expect(await listIds(`tag=${tag.id}&q=quote`)).toEqual([ids[1]]);
    expect(await listIds("tag=tag_nobody")).toEqual([]);
    const count = await (await t.app.request(`/api/queues/count?tag=${tag.id}`)).json();
    expect(count).toMatchObject({ count: 2 });
    const page = (await (await t.app.request(`/api/messages?tag=${tag.id}`)).json()) as MessagePage;
    expect(page.items.every((m) => m.tags.some((x) => x.name === "Press"))).toBe(true);

    expect((await t.app.send("DELETE", `/api/tags/${tag.id}`)).status).toBe(200);
    expect(await t.database.db.select().from(itemTags).where(inArray(itemTags.messageId, ids))).toEqual([]);
    expect(await listIds(`q=journalist`)).toHaveLength(3);
  });

  it("bulk tags a filter and a selection, and undoes it, skipping what a colleague changed since", async () => {
    const tag = await makeTag("Giveaway entry", "yellow");
    const ids = await seedMessages(t.database.db, { workspaceId: t.workspaceId, accountId }, [
      { text: "entering the giveaway! tagging @amy" },
      { text: "giveaway entry for me and @sam" },
      { text: "giveaway please pick me" },
    ]);
    const asOf = new Date().toISOString();
    const viewer = await t.tokenFor("viewer");
    expect((await t.app.send("POST", "/api/triage/bulk", { change: { action: "tag", tagId: tag.id }, target: { ids } }, viewer)).status).toBe(403);
    expect((await t.app.send("POST", "/api/triage/bulk", { change: { action: "tag", tagId: "tag_nobody" }, target: { ids } })).status).toBe(400);
    expect((await t.app.send("POST", "/api/triage/bulk", { change: { action: "tag" }, target: { ids } })).status).toBe(400);

    await t.app.send("POST", `/api/messages/${ids[0]}/tags`, { tagId: tag.id });
    const res = await t.app.send("POST", "/api/triage/bulk", { change: { action: "tag", tagId: tag.id }, target: { filter: { q: "giveaway" }, asOf } });
    expect(res.status).toBe(200);
    const result = (await res.json()) as BulkResult;
    expect(result).toMatchObject({ matched: 3, changed: 2 });
    expect((await listIds(`tag=${tag.id}`)).sort()).toEqual([...ids].sort());

    // A colleague takes it off one of them: the undo leaves that one alone.
    await t.app.send("DELETE", `/api/messages/${ids[1]}/tags/${tag.id}`);
    const undo = await t.app.send("POST", `/api/triage/bulk/${result.bulkActionId}/undo`);
    expect(await undo.json()).toEqual({ restored: 1, skipped: 1 } satisfies BulkUndoResult);
    expect(await listIds(`tag=${tag.id}`)).toEqual([ids[0]]);

    const untag = (await (await t.app.send("POST", "/api/triage/bulk", { change: { action: "untag", tagId: tag.id }, target: { ids } })).json()) as BulkResult;
    expect(untag).toMatchObject({ matched: 3, changed: 1 });
    expect(await listIds(`tag=${tag.id}`)).toEqual([]);
    expect(await (await t.app.send("POST", `/api/triage/bulk/${untag.bulkActionId}/undo`)).json()).toEqual({ restored: 1, skipped: 0 });
    expect(await listIds(`tag=${tag.id}`)).toEqual([ids[0]]);
  });
});
