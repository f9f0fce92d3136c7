import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { auditEvents, workspaces } from "../../db/schema/index.ts";

describe("the workspace's order settings", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const put = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.request("/api/orders/settings", { method: "PUT", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const stored = async () => (await t.database.db.select({ over: workspaces.refundApprovalOver }).from(workspaces).where(eq(workspaces.id, t.workspaceId)))[0]!.over;

  it("starts at 100 and is read by every role", async () => {
    for (const role of ["viewer", "agent"] as const) {
      const res = await t.app.request("/api/orders/settings", { headers: { authorization: `Bearer ${await t.tokenFor(role)}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ refundApprovalOver: "100.00" });
    }
  });

  it("lets an admin change the threshold, audited with before and after", async () => {
    const res = await put({ refundApprovalOver: "250.5" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ refundApprovalOver: "250.50" });
    expect(await stored()).toBe("250.50");
    const entries = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "orders.settings_update"));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.before).toEqual({ refundApprovalOver: "100.00" });
    expect(entries[0]!.after).toEqual({ refundApprovalOver: "250.50" });

    // Saving the same amount again changes nothing, so nothing is audited twice.
    expect((await put({ refundApprovalOver: "250.50" })).status).toBe(200);
    expect(await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "orders.settings_update"))).toHaveLength(1);
  });

  it("refuses amounts that are not plain money with a 400 in words, and keeps the stored one", async () => {
    for (const bad of ["", "-5", "$150", "12.345", "1e3", "abc", "12345678901", 150]) {
      const res = await put({ refundApprovalOver: bad });
      expect(res.status, String(bad)).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.message.length).toBeGreaterThan(0);
    }
    const words = (await (await put({ refundApprovalOver: "$150" })).json()) as { error: { message: string; details?: unknown } };
    expect(JSON.stringify(words)).toContain("with at most two decimals");
    expect((await put({})).status).toBe(400);
    expect(await stored()).toBe("250.50");
  });

  it("refuses agents and viewers with a 403 naming the role needed", async () => {
    for (const role of ["viewer", "agent"] as const) {
      const res = await put({ refundApprovalOver: "1" }, { authorization: `Bearer ${await t.tokenFor(role)}` });
      expect(res.status).toBe(403);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.message).toContain("admin");
    }
    expect(await stored()).toBe("250.50");
  });
});
