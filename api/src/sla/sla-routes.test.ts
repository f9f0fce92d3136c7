import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PLAYBOOK_SLA_POLICIES, type BusinessCalendar, type Message, type MessagePage, type QueueCounts, type SlaPolicySet } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { seedMessages, type MessageSpec } from "@surgedesk/devkit/testing/seed-messages.ts";
import { addBusinessTime } from "./business-clock.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;
let workspace: { workspaceId: string; accountId: string; token: string };
beforeEach(async () => {
  const created = await createWorkspaceWithAccount(t.database.db, "SLA brand");
  workspace = { ...created, token: await t.tokenFor("admin", created.workspaceId) };
});
const request = (path: string, init: RequestInit = {}, token = workspace.token) =>
  t.app.request(path, { ...init, headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...init.headers } });
const put = (path: string, body: unknown, token?: string) => request(path, { method: "PUT", body: JSON.stringify(body) }, token);
const seed = (specs: MessageSpec[]) => seedMessages(t.database.db, workspace, specs);
const ids = async (query: string) => ((await (await request(`/api/messages?${query}`)).json()) as MessagePage).items.map((m) => m.id).sort();
const needsReply = async () => ((await (await request("/api/queues")).json()) as QueueCounts).queues.find((q) => q.id === "needs_reply")!;
const detail = async (id: string) => (await (await request(`/api/messages/${id}`)).json()) as Message;

describe("SLA policies", () => {
  it("reads the playbook's policies until an admin sets others, and replaces them whole", async () => {
    expect(await (await request("/api/sla/policies")).json()).toEqual(PLAYBOOK_SLA_POLICIES);
    const mine: SlaPolicySet = {
      policies: [{ id: "vip-dm", name: "Instagram DMs", match: { kinds: ["dm"], platforms: ["instagram"] }, targets: { warningMinutes: 15, breachMinutes: 45 }, businessHoursOnly: true }],
      default: { targets: null, businessHoursOnly: false },
      platformEscalationMinutes: null,
    };
    const saved = await put("/api/sla/policies", mine);
    expect(saved.status).toBe(200);
    expect(await (await request("/api/sla/policies")).json()).toEqual(mine);
  });

  it("refuses bad policies and calendars with a 4xx that says why, and changes nothing", async () => {
    const bad = (change: (set: SlaPolicySet) => unknown) => put("/api/sla/policies", change(structuredClone(PLAYBOOK_SLA_POLICIES)));
    for (const response of [
      await bad((set) => ({ ...set, default: { targets: { warningMinutes: 60, breachMinutes: 30 }, businessHoursOnly: false } })),
      await bad((set) => ({ ...set, policies: [{ ...set.policies[0]!, match: { labels: ["vip"] } }] })),
      await bad((set) => ({ ...set, policies: [set.policies[1]!, set.policies[1]!] })),
      await bad((set) => ({ ...set, policies: [{ ...set.policies[0]!, id: "Not An Id!" }] })),
      await bad((set) => ({ ...set, default: { targets: { warningMinutes: 1, breachMinutes: 31 * 24 * 60 }, businessHoursOnly: false } })),
      await bad((set) => ({ ...set, surprise: true })),
    ]) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "validation_failed" } });
    }
    const calendar: BusinessCalendar = { timeZone: "Europe/Madrid", week: [[], [], [], [], [], [], []], holidays: [] };
    for (const body of [calendar, { ...calendar, week: [[{ start: "09:00", end: "18:00" }], [], [], [], [], [], []], timeZone: "Europe/Atlantis" }, { ...calendar, week: [] }]) {
      expect((await put("/api/sla/calendar", body)).status).toBe(400);
    }
    expect(await (await request("/api/sla/policies")).json()).toEqual(PLAYBOOK_SLA_POLICIES);
    // Agents and viewers read them but cannot change them.
    for (const role of ["agent", "viewer"] as const) {
      const token = await t.tokenFor(role, workspace.workspaceId);
      expect((await request("/api/sla/policies", {}, token)).status).toBe(200);
      expect((await put("/api/sla/policies", PLAYBOOK_SLA_POLICIES, token)).status).toBe(403);
      expect((await put("/api/sla/calendar", { timeZone: "UTC", week: [[{ start: "09:00", end: "17:00" }], [], [], [], [], [], []], holidays: [] }, token)).status).toBe(403);
    }
  });

  it("shows due and late in the queues from the policy each message matches", async () => {
    const [highPublic, dm, praise, plain, mediumLate] = await seed([
      { escalation: "high", kind: "comment", ageMinutes: 70 }, // high-risk public: late after 1 h
      { kind: "dm", ageMinutes: 13 * 60 }, // DMs: due soon after 12 h
      { label: "praise", ageMinutes: 7 * 24 * 60 }, // praise: no SLA
      { ageMinutes: 2 * 60 }, // the default: on time
      { escalation: "medium", ageMinutes: 9 * 60 }, // medium: late after 8 h
    ]);
    expect(await needsReply()).toMatchObject({ count: 5, slaWarning: 1, slaBreached: 2 });
    expect(await ids("queue=needs_reply&sla=breached")).toEqual([highPublic, mediumLate].sort());
    expect(await ids("queue=needs_reply&sla=warning")).toEqual([dm]);
    expect(await detail(praise!)).toMatchObject({ slaPolicyId: "no-sla-praise-spam", slaWarningAt: null, slaBreachAt: null });
    expect(await detail(plain!)).toMatchObject({ slaPolicyId: "default" });

    // Relabelled as praise, a late message has no timer any more; relabelled back, it is late again.
    const relabel = (id: string, label: string) => request(`/api/messages/${id}`, { method: "PATCH", body: JSON.stringify({ label }) });
    expect((await relabel(highPublic!, "praise")).status).toBe(200);
    expect(await ids("queue=needs_reply&sla=breached")).toEqual([mediumLate]);
    expect((await relabel(highPublic!, "order_status")).status).toBe(200);
    expect(await detail(highPublic!)).toMatchObject({ slaPolicyId: "high-public" });
    expect(await needsReply()).toMatchObject({ slaWarning: 1, slaBreached: 2 });
  });

  it("stops the clock while snoozed and moves the deadlines on by the pause when it wakes", async () => {
    const [dm] = await seed([{ kind: "dm", ageMinutes: 60 }]);
    const before = await detail(dm!);
    const until = new Date(Date.now() + 60_000).toISOString();
    const snoozed = await request(`/api/messages/${dm}`, { method: "PATCH", body: JSON.stringify({ status: "snoozed", snoozedUntil: until }) });
    expect(snoozed.status).toBe(200);
    const paused = await detail(dm!);
    expect(paused.slaPausedAt).not.toBeNull();
    const pausedAt = new Date(paused.slaPausedAt!).getTime();
    // Woken 30 hours later: without the pause it would be long late; the deadline moved on instead.
    const wokenAt = new Date(pausedAt + 30 * HOUR);
    expect(await t.live.wakeSnoozed(wokenAt)).toBe(1);
    const woken = await detail(dm!);
    expect(woken).toMatchObject({ status: "open", slaPausedAt: null });
    expect(new Date(woken.slaBreachAt!).getTime()).toBe(new Date(before.slaBreachAt!).getTime() + (wokenAt.getTime() - pausedAt));
    expect(await ids("queue=needs_reply&sla=breached")).toEqual([]);
  });

  it("counts business hours only for a policy that says so, from the workspace's calendar", async () => {
    const calendar: BusinessCalendar = {
      timeZone: "America/New_York",
      week: [0, 1, 2, 3, 4, 5, 6].map((day) => (day < 5 ? [{ start: "09:00", end: "17:00" }] : [])),
      holidays: ["2026-12-25"],
    };
    expect((await put("/api/sla/calendar", calendar)).status).toBe(200);
    const set = { ...PLAYBOOK_SLA_POLICIES, default: { targets: { warningMinutes: 60, breachMinutes: 120 }, businessHoursOnly: true } };
    expect((await put("/api/sla/policies", set)).status).toBe(200);
    const written = new Date(Date.now() - 5 * 60_000);
    const [id] = await seed([{ createdAt: written }]);
    expect(await detail(id!)).toMatchObject({
      slaPolicyId: "default",
      slaWarningAt: addBusinessTime(written, HOUR, calendar).toISOString(),
      slaBreachAt: addBusinessTime(written, 2 * HOUR, calendar).toISOString(),
    });
    expect(await (await request("/api/sla/calendar")).json()).toEqual(calendar);
  });
});
