import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { BulkResult, BulkUndoResult, FilterCount } from "@surgedesk/shared";
import { auditEvents, labelCorrections, messages } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createAccount, createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { seedMessages } from "@surgedesk/devkit/testing/seed-messages.ts";

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp();
  accountId = await createAccount(t.database.db, t.workspaceId);
});
afterAll(async () => {
  await t?.close();
});

const post = (path: string, body: unknown, token?: string) => t.app.send("POST", path, body, token);
const statuses = async (ids: string[]) =>
  new Map((await t.database.db.select({ id: messages.id, status: messages.status }).from(messages).where(inArray(messages.id, ids))).map((r) => [r.id, r.status]));

describe("bulk changes on a whole filter", () => {
  it("close exactly the messages the filter matched when counted, and undo puts back those nobody changed since", async () => {
    const db = t.database.db;
    const matching = await seedMessages(db, { workspaceId: t.workspaceId, accountId }, Array.from({ length: 6 }, () => ({ label: "promo_confusion" as const })));
    const others = [
      ...(await seedMessages(db, { workspaceId: t.workspaceId, accountId }, [
        { label: "promo_confusion", platform: "tiktok" },
        { label: "promo_confusion", platform: "tiktok" },
        { label: "promo_confusion", status: "closed" },
        { label: "promo_confusion", status: "snoozed" },
        { label: "order_status" },
        { label: "spam_scam" },
      ])),
    ];
    const foreign = await createWorkspaceWithAccount(db, "Other brand");
    const theirs = await seedMessages(db, foreign, [{ label: "promo_confusion" }, { label: "promo_confusion" }]);

    const filter = { queue: "promo_confusion", platform: "instagram" } as const;
    const counted = await t.app.request("/api/queues/count?queue=promo_confusion&platform=instagram");
    const { count, asOf } = (await counted.json()) as FilterCount;
    expect(count).toBe(matching.length);
    // Arrives after the agent saw the count: a bulk change on the filter leaves it alone.
    await new Promise((resolve) => setTimeout(resolve, 15));
    const [late] = await seedMessages(db, { workspaceId: t.workspaceId, accountId }, [{ label: "promo_confusion" }]);

    const before = await statuses([...matching, ...others, ...theirs, late!]);
    const res = await post("/api/triage/bulk", { change: { action: "close" }, target: { filter, asOf } });
    expect(res.status).toBe(200);
    const result = (await res.json()) as BulkResult;
    expect(result).toMatchObject({ matched: matching.length, changed: matching.length, failed: [] });

    const after = await statuses([...matching, ...others, ...theirs, late!]);
    for (const id of matching) expect(after.get(id)).toBe("closed");
    for (const id of [...others, ...theirs, late!]) expect(after.get(id)).toBe(before.get(id));

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "message.bulk_update"));
    expect(audit.map((a) => a.entityId).sort()).toEqual([...matching].sort());
    expect(audit[0]).toMatchObject({ before: { status: "open" }, after: { status: "closed", bulkActionId: result.bulkActionId } });
    const [summary] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "bulk.apply"), eq(auditEvents.entityId, result.bulkActionId!)));
    expect(summary?.after).toMatchObject({ matched: 6, changed: 6 });

    // A colleague reopens one and then assigns it: undo keeps their work on it.
    const reopened = matching[0]!;
    const patch = await t.app.request(`/api/messages/${reopened}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "open" }),
    });
    expect(patch.status).toBe(200);
    const undo = await post(`/api/triage/bulk/${result.bulkActionId}/undo`, {});
    expect(undo.status).toBe(200);
    expect((await undo.json()) as BulkUndoResult).toEqual({ restored: matching.length - 1, skipped: 1 });
    const undone = await statuses(matching);
    for (const id of matching) expect(undone.get(id)).toBe("open");
    expect((await post(`/api/triage/bulk/${result.bulkActionId}/undo`, {})).status).toBe(400);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "message.bulk_undo"))).toHaveLength(matching.length - 1);
  });

  it("relabels a selection as agents' corrections, and undo withdraws them", async () => {
    const db = t.database.db;
    const ids = await seedMessages(db, { workspaceId: t.workspaceId, accountId }, [{ label: "other" }, { label: "other" }, { label: "praise" }]);
    const res = await post("/api/triage/bulk", { change: { action: "label", label: "praise" }, target: { ids } });
    const result = (await res.json()) as BulkResult;
    expect(result).toMatchObject({ matched: 3, changed: 3 });
    const rows = await db.select().from(messages).where(inArray(messages.id, ids));
    expect(rows.every((r) => r.label === "praise" && r.labelSource === "agent")).toBe(true);
    // The one already "praise" is confirmed by the agent, not corrected.
    expect(await db.select().from(labelCorrections).where(inArray(labelCorrections.messageId, ids))).toHaveLength(2);

    await post(`/api/triage/bulk/${result.bulkActionId}/undo`, {});
    const restored = await db.select().from(messages).where(inArray(messages.id, ids));
    expect(restored.map((r) => [r.label, r.labelSource]).sort()).toEqual([["other", "model"], ["other", "model"], ["praise", "model"]]);
    expect(await db.select().from(labelCorrections).where(inArray(labelCorrections.messageId, ids))).toHaveLength(0);
  });

  it("assigns to me, refuses an assignee from elsewhere, and refuses viewers", async () => {
    const ids = await seedMessages(t.database.db, { workspaceId: t.workspaceId, accountId }, [{}, {}]);
    const mine = (await (await post("/api/triage/bulk", { change: { action: "assign", assigneeId: "me" }, target: { ids } })).json()) as BulkResult;
    expect(mine.changed).toBe(2);
    const page = await t.app.request(`/api/messages?assignee=me&ids=${ids.join(",")}`);
    expect(((await page.json()) as { items: { assigneeName: string }[] }).items).toHaveLength(2);

    const bad = await post("/api/triage/bulk", { change: { action: "assign", assigneeId: "user_nobody" }, target: { ids } });
    expect(bad.status).toBe(400);
    const viewer = await t.tokenFor("viewer");
    expect((await post("/api/triage/bulk", { change: { action: "close" }, target: { ids } }, viewer)).status).toBe(403);
  });

  it("hides only comments: a DM in the selection is reported, not attempted", async () => {
    const [dm] = await seedMessages(t.database.db, { workspaceId: t.workspaceId, accountId }, [{ kind: "dm" }]);
    const result = (await (await post("/api/triage/bulk", { change: { action: "hide" }, target: { ids: [dm] } })).json()) as BulkResult;
    expect(result).toMatchObject({ changed: 0, bulkActionId: null, failed: [{ id: dm, reason: expect.stringContaining("Only comments") }] });
  });
});
