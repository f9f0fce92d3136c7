import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { ModerationRule, RuleList, RuleTestResult } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { seedMessages } from "@surgedesk/devkit/testing/seed-messages.ts";
import { auditEvents } from "../db/schema/index.ts";

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp();
  accountId = await createAccount(t.database.db, t.workspaceId);
});
afterAll(async () => {
  await t?.close();
});

const list = async () => ((await (await t.app.request("/api/moderation/rules")).json()) as RuleList).items;

describe("moderation rule routes", () => {
  it("create, update, reorder and delete, each audited; positions follow the order", async () => {
    const created = await t.app.send("POST", "/api/moderation/rules", {
      name: "Off-platform contact",
      conditions: { hasContactDetails: true, kinds: ["comment"] },
      actions: [{ type: "hide" }],
    });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as ModerationRule;
    // New rules are dry runs at the end of the order unless said otherwise.
    expect(rule).toMatchObject({ mode: "dry_run", enabled: true, stopProcessing: false, position: 2 });

    const patched = await t.app.send("PATCH", `/api/moderation/rules/${rule.id}`, { enabled: false, name: "Phone numbers and WhatsApp" });
    expect(await patched.json()).toMatchObject({ enabled: false, name: "Phone numbers and WhatsApp", mode: "dry_run" });

    const before = await list();
    const order = [rule.id, ...before.filter((r) => r.id !== rule.id).map((r) => r.id)];
    const reordered = await t.app.send("POST", "/api/moderation/rules/reorder", { ids: order });
    expect(reordered.status).toBe(200);
    expect(((await reordered.json()) as RuleList).items.map((r) => [r.id, r.position])).toEqual(order.map((id, i) => [id, i]));
    // A stale order (a rule missing) is refused rather than losing its place.
    expect((await t.app.send("POST", "/api/moderation/rules/reorder", { ids: order.slice(1) })).status).toBe(409);

    expect((await t.app.send("DELETE", `/api/moderation/rules/${rule.id}`)).status).toBe(200);
    expect((await t.app.send("DELETE", `/api/moderation/rules/${rule.id}`)).status).toBe(404);
    expect((await list()).map((r) => r.id)).not.toContain(rule.id);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, rule.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["rule.create", "rule.delete", "rule.update"]);
  });

  it("refuses bad rules with a 4xx JSON error", async () => {
    const bad = [
      "{not json",
      { name: "No conditions", conditions: {}, actions: [{ type: "hide" }] },
      { name: "No actions", conditions: { hasLink: true }, actions: [] },
      { name: "Unknown condition", conditions: { sentiment: "angry" }, actions: [{ type: "resolve" }] },
      { name: "Unknown action", conditions: { hasLink: true }, actions: [{ type: "ban" }] },
      { name: "Confidence", conditions: { minConfidence: 2 }, actions: [{ type: "resolve" }] },
      { name: "Stranger", conditions: { hasLink: true }, actions: [{ type: "assign", userId: "user_nobody" }] },
      { name: "Unknown tag", conditions: { hasLink: true }, actions: [{ type: "tag", tagId: "tag_nobody" }] },
      { name: "Tag without id", conditions: { hasLink: true }, actions: [{ type: "tag" }] },
      { name: "", conditions: { hasLink: true }, actions: [{ type: "resolve" }] },
    ];
    for (const body of bad) {
      const res = await t.app.send("POST", "/api/moderation/rules", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect((await t.app.send("PATCH", "/api/moderation/rules/rule_nobody", { enabled: false })).status).toBe(404);
    const [first] = await list();
    expect((await t.app.send("PATCH", `/api/moderation/rules/${first!.id}`, {})).status).toBe(400);
    expect((await t.app.send("PATCH", `/api/moderation/rules/${first!.id}`, { mode: "sometimes" })).status).toBe(400);
  });

  it("lets agents and viewers read the rules but only admins change or test them", async () => {
    for (const role of ["agent", "viewer"] as const) {
      const token = await t.tokenFor(role);
      expect((await t.app.send("GET", "/api/moderation/rules", undefined, token)).status).toBe(200);
      expect((await t.app.send("POST", "/api/moderation/rules", { name: "x", conditions: { hasLink: true }, actions: [{ type: "resolve" }] }, token)).status).toBe(403);
      const [first] = await list();
      expect((await t.app.send("PATCH", `/api/moderation/rules/${first!.id}`, { enabled: false }, token)).status).toBe(403);
      expect((await t.app.send("DELETE", `/api/moderation/rules/${first!.id}`, undefined, token)).status).toBe(403);
      expect((await t.app.send("POST", "/api/moderation/rules/test", { conditions: { hasLink: true } }, token)).status).toBe(403);
    }
    expect((await t.anonymous.request("/api/moderation/rules")).status).toBe(401);
  });

  it("tests a rule against the latest messages without changing anything", async () => {
    const scope = { workspaceId: t.workspaceId, accountId };
    await seedMessages(t.database.db, scope, [
      { text: "🔥 Want to earn $500/day from home? DM me 🔥", classified: true },
      { text: "earn from home just 2hrs a day, no experience needed ✅", classified: true },
      { text: "Dm me for the admin meeting notes", classified: true },
      { text: "love love love 💖 bought 3 for my sisters", classified: true },
      { text: "where is my order #10482", classified: true },
    ]);
    const res = await t.app.send("POST", "/api/moderation/rules/test", { conditions: { keywords: ["dm me", "earn from home"] } });
    expect(res.status).toBe(200);
    const result = (await res.json()) as RuleTestResult;
    expect(result.examined).toBe(5);
    expect(result.matched).toBe(3);
    expect(result.examples.map((e) => e.text).sort()).toEqual([
      "Dm me for the admin meeting notes",
      "earn from home just 2hrs a day, no experience needed ✅",
      "🔥 Want to earn $500/day from home? DM me 🔥",
    ]);
    const limited = (await (await t.app.send("POST", "/api/moderation/rules/test", { conditions: { keywords: ["dm me", "earn from home"] }, limit: 2 })).json()) as RuleTestResult;
    expect(limited.examined).toBe(2);
    expect((await t.app.send("POST", "/api/moderation/rules/test", { conditions: { hasLink: true }, limit: 0 })).status).toBe(400);
    const spam = (await (await t.app.send("POST", "/api/moderation/rules/test", { conditions: { labels: ["spam_scam"], minConfidence: 0.5 } })).json()) as RuleTestResult;
    expect(spam.matched).toBeGreaterThanOrEqual(2);
  });
});
