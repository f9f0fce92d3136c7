import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { auditCursor } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { auditEvents } from "../db/schema/index.ts";

interface Entry {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  actorUserId: string | null;
  createdAt: string;
}

let t: TestApp;
let alice: string;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.request("/api/users", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "alice@brand.test", name: "Alice", role: "admin", password: "a-long-enough-password" }),
  });
  alice = ((await res.json()) as { id: string }).id;
  const other = await createWorkspaceWithAccount(t.database.db, "Another brand");
  const base = { workspaceId: t.workspaceId, before: null, after: null };
  await t.database.db.insert(auditEvents).values([
    // Three entries in one millisecond (and microseconds apart): paging must neither skip nor repeat one.
    { ...base, id: "audit_a1", actorUserId: alice, action: "macro.update", entityType: "macro", entityId: "macro_1", createdAt: at("2026-03-01T10:00:00.123Z") },
    { ...base, id: "audit_a2", actorUserId: alice, action: "macro.update", entityType: "macro", entityId: "macro_1", createdAt: at("2026-03-01T10:00:00.123Z") },
    { ...base, id: "audit_a3", actorUserId: null, action: "message.snooze_ended", entityType: "message", entityId: "msg_9", createdAt: at("2026-03-01T10:00:00.123Z") },
    { ...base, id: "audit_b1", actorUserId: alice, action: "token.create", entityType: "api_token", entityId: "tok_1", createdAt: at("2026-03-02T09:00:00Z") },
    { ...base, id: "audit_c1", actorUserId: null, action: "ingest.event.retry", entityType: "inbound_event", entityId: "42", createdAt: at("2026-02-27T23:59:59.999Z") },
    { workspaceId: other.workspaceId, before: null, after: null, id: "audit_x1", actorUserId: null, action: "macro.update", entityType: "macro", entityId: "macro_1", createdAt: at("2026-03-01T10:00:00.123Z") },
  ]);
  // The microseconds the database keeps (the API writes milliseconds, now() does not).
  await t.database.db.execute(sql`update audit_events set created_at = created_at + interval '456 microseconds' where id = 'audit_a2'`);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function page(query: Record<string, string>): Promise<{ items: Entry[]; nextCursor: string | null }> {
  const res = await t.app.request(`/api/audit?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { items: Entry[]; nextCursor: string | null };
}
const ids = (items: Entry[]) => items.map((e) => e.id).filter((id) => id.startsWith("audit_"));
const inMarch = { from: "2026-02-01T00:00:00Z", to: "2026-04-01T00:00:00Z" };

describe("the audit log's filters", () => {
  it("narrows by actor (a user, or Surgedesk itself), action, object type and id, and time", async () => {
    expect(ids((await page({ ...inMarch, actor: alice })).items)).toEqual(["audit_b1", "audit_a2", "audit_a1"]);
    expect(ids((await page({ ...inMarch, actor: "system" })).items)).toEqual(["audit_a3", "audit_c1"]);
    expect(ids((await page({ ...inMarch, action: "macro.update" })).items)).toEqual(["audit_a2", "audit_a1"]);
    expect(ids((await page({ ...inMarch, entityType: "api_token" })).items)).toEqual(["audit_b1"]);
    expect(ids((await page({ ...inMarch, entityId: "msg_9" })).items)).toEqual(["audit_a3"]);
    // `from` inclusive, `to` exclusive: a day in the user's time zone is [midnight, next midnight).
    expect(ids((await page({ from: "2026-03-01T00:00:00Z", to: "2026-03-02T09:00:00Z" })).items)).toEqual(["audit_a3", "audit_a2", "audit_a1"]);
    expect(ids((await page({ from: "2026-03-02T09:00:00Z", to: "2026-03-03T00:00:00Z" })).items)).toEqual(["audit_b1"]);
  });

  it("pages through entries that share a millisecond without skipping or repeating one", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const result = await page({ ...inMarch, limit: "1", ...(cursor && { before: cursor }) });
      seen.push(...ids(result.items));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe("audit_b1");
    expect(seen.at(-1)).toBe("audit_c1");
    expect(seen.slice(1, 4).sort()).toEqual(["audit_a1", "audit_a2", "audit_a3"]);
  });

  it("never shows another workspace's entries", async () => {
    const all = await page({ ...inMarch, limit: "500" });
    expect(ids(all.items)).not.toContain("audit_x1");
  });

  it("refuses filters it cannot read with a 400, and non-admins with a 403", async () => {
    for (const query of <Record<string, string>[]>[
      { action: "DROP TABLE" },
      { entityType: "everything" },
      { from: "yesterday" },
      { from: "2026-03-02T00:00:00Z", to: "2026-03-01T00:00:00Z" },
      { before: "not-a-cursor" },
      { limit: "0" },
    ]) {
      const res = await t.app.request(`/api/audit?${new URLSearchParams(query)}`);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
    }
    const agent = await t.tokenFor("agent");
    expect((await t.anonymous.request("/api/audit", { headers: { authorization: `Bearer ${agent}` } })).status).toBe(403);
  });

  it("gives out cursors as time and id", () => {
    expect(auditCursor({ createdAt: "2026-03-01T10:00:00.123Z", id: "audit_a1" })).toBe("2026-03-01T10:00:00.123Z|audit_a1");
  });
});
