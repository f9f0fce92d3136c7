import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ESCALATION_LEVELS, LABELS, MESSAGE_STATUSES, PLAYBOOK_SLA_POLICIES, type BulkResult, type Label, type QueueCounts, type SlaPolicySet } from "@surgedesk/shared";
import { queryRows } from "../db/client.ts";
import { messageFirstResponses, messages, slaSettings } from "../db/schema/index.ts";
import { recomputeWaitingSlaClocks } from "../sla/sla-clocks.ts";
import { recordReplySent } from "../spikes/metrics/record-reply-sent.ts";
import { eraseContact } from "../contacts/erase-contact.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { seedMessages, type MessageSpec } from "@surgedesk/devkit/testing/seed-messages.ts";
import { connectDeliveryAccount, instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { compactAllQueueTallies, compactQueueTallies } from "./compact-queue-tallies.ts";
import { queueCounts } from "./queue-counts.ts";
import { recountQueues } from "./recount-queues.ts";
import type { FilterScope } from "./message-filter-sql.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * The kept counts equal a full recount at `now` and at moments that put the playbook's warning
 * and breach times on minute and hour boundaries and on messages' own deadlines.
 */
async function expectCountsEqualRecount(workspaceId: string, now: number) {
  const hourAligned = Math.floor(now / HOUR) * HOUR;
  const moments = [now, hourAligned + 12 * HOUR, hourAligned + 24 * HOUR + MINUTE, now + 30 * MINUTE + 1, now + 13 * HOUR + 17 * MINUTE, now + 3 * 24 * HOUR];
  const deadlines = await queryRows<{ at: Date | string }>(
    t.database.db,
    sql`select sla_breach_at as at from messages where workspace_id = ${workspaceId} and sla_breach_at is not null order by id limit 3`,
  );
  moments.push(...deadlines.map((row) => new Date(row.at).getTime()));
  for (const at of moments) {
    const scope: FilterScope = { workspaceId, userId: "nobody", now: new Date(at) };
    const kept = await queueCounts(t.database.db, scope);
    const recounted = await recountQueues(t.database.db, scope);
    expect(kept, `at ${new Date(at).toISOString()}`).toEqual(recounted);
  }
}

/** Other policies for the workspace, as the settings route stores them: waiting messages' deadlines move. */
async function usePolicies(workspaceId: string, policies: SlaPolicySet, businessHours = false) {
  await t.database.db.transaction(async (tx) => {
    await tx
      .insert(slaSettings)
      .values({ workspaceId, policies, calendar: businessHours ? madridWeekdays : null })
      .onConflictDoUpdate({ target: slaSettings.workspaceId, set: { policies, calendar: businessHours ? madridWeekdays : null } });
    await recomputeWaitingSlaClocks(tx, workspaceId);
  });
}
const madridWeekdays = {
  timeZone: "Europe/Madrid",
  week: [0, 1, 2, 3, 4, 5, 6].map((day) => (day < 5 ? [{ start: "09:00", end: "18:00" }] : [])),
  holidays: ["2026-12-25"],
};

/** The tally keys' totals (kept plus deltas) against the messages grouped the same way. */
async function expectTalliesEqualMessages(workspaceId: string) {
  const kept = await queryRows<Record<string, unknown>>(
    t.database.db,
    sql`select status, label, needs_label, escalation_level, direction, answered, sum(n)::int as n from (
          select * from queue_tallies where workspace_id = ${workspaceId} and bucket_seconds = 0
          union all select * from queue_tally_deltas where workspace_id = ${workspaceId} and bucket_seconds = 0) t
        group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0 order by 1, 2, 3, 4, 5, 6`,
  );
  const counted = await queryRows<Record<string, unknown>>(
    t.database.db,
    sql`select m.status, m.label, m.needs_label, m.escalation_level, m.direction, r.message_id is not null as answered, count(*)::int as n
        from messages m left join message_first_responses r on r.message_id = m.id
        where m.workspace_id = ${workspaceId} group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`,
  );
  expect(kept).toEqual(counted);
}

describe("kept queue counts", () => {
  it("equal a recount for every combination of status, label, label doubt, escalation, direction and answer", async () => {
    const workspace = await createWorkspaceWithAccount(t.database.db, "Every key brand");
    const now = Date.now();
    const specs: MessageSpec[] = [];
    let n = 0;
    for (const status of MESSAGE_STATUSES)
      for (const label of [null, ...LABELS] as (Label | null)[])
        for (const needsLabel of [false, true])
          for (const escalation of [null, ...ESCALATION_LEVELS])
            for (const direction of ["inbound", "outbound"] as const) {
              n += 1;
              // Ages from fresh to two days, some on the minute and the hour exactly.
              const age = n % 5 === 0 ? (n % 49) * HOUR : n % 7 === 0 ? (n % 2900) * MINUTE : (n * 7_919_000) % (49 * HOUR);
              specs.push({ status, label, needsLabel, escalation, direction, createdAt: new Date(now - age), snoozedUntil: status === "snoozed" ? new Date(now + HOUR) : null });
            }
    const ids = await seedMessages(t.database.db, workspace, specs);
    // Every third one answered, by the reply engine's own record of it.
    for (const [i, id] of ids.entries()) if (i % 3 === 0) await recordReplySent(t.database.db, { messageId: id, sentAt: new Date(now) });

    await expectTalliesEqualMessages(workspace.workspaceId);
    await expectCountsEqualRecount(workspace.workspaceId, now);
    // Other targets, and business hours only: every waiting message's deadlines move, the counts follow.
    const slow = { ...PLAYBOOK_SLA_POLICIES, default: { targets: { warningMinutes: 7 * 60, breachMinutes: 41 * 60 }, businessHoursOnly: true } };
    await usePolicies(workspace.workspaceId, slow, true);
    await expectTalliesEqualMessages(workspace.workspaceId);
    await expectCountsEqualRecount(workspace.workspaceId, now);
    await usePolicies(workspace.workspaceId, { ...PLAYBOOK_SLA_POLICIES, policies: [] });
    await expectCountsEqualRecount(workspace.workspaceId, now);
    // Folding the deltas in (reads above did too, past their threshold) changes no count.
    await compactQueueTallies(t.database.db, workspace.workspaceId);
    const [left] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from queue_tally_deltas where workspace_id = ${workspace.workspaceId}`);
    expect(left!.n).toBe(0);
    await expectTalliesEqualMessages(workspace.workspaceId);
    await expectCountsEqualRecount(workspace.workspaceId, now);
    // Hundreds of messages counted at a dozen moments under three policy sets: seconds, more on a busy machine.
  }, 120_000);

  it("stay equal to a recount through ingest, triage, bulk changes and their undo, snoozes and their wake, replies and erasure", async () => {
    const db = t.database.db;
    const workspaceId = t.workspaceId;
    await connectDeliveryAccount(t);
    const [{ id: accountId }] = (await queryRows<{ id: string }>(db, sql`select id from connected_accounts where workspace_id = ${workspaceId} limit 1`)) as [{ id: string }];
    const admin = await t.tokenFor("admin");
    const request = (path: string, init: RequestInit = {}) =>
      t.app.request(path, { ...init, headers: { "content-type": "application/json", authorization: `Bearer ${admin}`, ...init.headers } });
    const check = async () => {
      await expectTalliesEqualMessages(workspaceId);
      await expectCountsEqualRecount(workspaceId, Date.now());
      // The route answers with the kept counts.
      const body = (await (await request("/api/queues")).json()) as QueueCounts;
      const recounted = await recountQueues(db, { workspaceId, userId: "nobody", now: new Date(body.asOf) });
      expect(body.queues).toEqual(recounted);
    };

    // Ingest: webhooks stored and processed by the worker, and messages written straight in.
    for (const text of ["where is my order??", "love this!!", "code SAVE20 does not work", "refund please, it arrived broken"]) {
      expect((await t.app.request("/webhooks/instagram", signedInstagramPost(instagramCommentDelivery({ text }).body))).status).toBe(200);
    }
    await t.ingest.drain();
    const seeded = await seedMessages(db, { workspaceId, accountId }, [
      { label: "order_status", ageMinutes: 13 * 60 },
      { label: "promo_confusion", escalation: "high", ageMinutes: 25 * 60 },
      { label: "spam_scam", ageMinutes: 5 },
      { label: "not_received", needsLabel: true, ageMinutes: 12 * 60 },
      { label: "praise", direction: "outbound", ageMinutes: 3 },
      { label: "damaged_item", escalation: "medium", ageMinutes: 40 * 60 },
      { label: "other", status: "closed", ageMinutes: 2 * 60 },
    ]);
    await check();

    // Triage, one message at a time: relabel, close, reopen, snooze.
    const patch = (id: string, body: unknown) => request(`/api/messages/${id}`, { method: "PATCH", body: JSON.stringify(body) });
    const relabel = await patch(seeded[3]!, { label: "damaged_item" });
    expect(relabel.status, await relabel.clone().text()).toBe(200);
    expect((await patch(seeded[0]!, { status: "closed" })).status).toBe(200);
    expect((await patch(seeded[0]!, { status: "open" })).status).toBe(200);
    expect((await patch(seeded[1]!, { status: "snoozed", snoozedUntil: new Date(Date.now() + MINUTE).toISOString() })).status).toBe(200);
    expect((await patch(seeded[5]!, { assigneeId: "me" })).status).toBe(200);
    await check();

    // A reply answers one; a due snooze wakes.
    await recordReplySent(db, { messageId: seeded[5]!, sentAt: new Date() });
    expect(await t.live.wakeSnoozed(new Date(Date.now() + 2 * MINUTE))).toBe(1);
    await check();

    // Bulk: close a whole filter, then undo it; mark a selection as spam.
    const counted = (await (await request("/api/queues/count?queue=needs_reply")).json()) as { count: number; asOf: string };
    const bulk = await request("/api/triage/bulk", { method: "POST", body: JSON.stringify({ change: { action: "close" }, target: { filter: { queue: "needs_reply" }, asOf: counted.asOf } }) });
    expect(bulk.status).toBe(200);
    const result = (await bulk.json()) as BulkResult;
    expect(result.changed).toBeGreaterThan(0);
    // Housekeeping's fold (every workspace, then a VACUUM of the folded deltas: outside any transaction).
    expect(await compactAllQueueTallies(db, new Date())).toBeGreaterThan(0);
    await check();
    expect((await request(`/api/triage/bulk/${result.bulkActionId}/undo`, { method: "POST", body: "{}" })).status).toBe(200);
    expect((await request("/api/triage/bulk", { method: "POST", body: JSON.stringify({ change: { action: "mark_spam" }, target: { ids: seeded.slice(0, 3) } }) })).status).toBe(200);
    await check();

    // A buyer's data erased: their messages and first responses go.
    const [ingested] = await db.select({ id: messages.id, contactId: messages.contactId }).from(messages).where(eq(messages.workspaceId, workspaceId)).limit(1);
    await recordReplySent(db, { messageId: ingested!.id, sentAt: new Date() });
    const [admin0] = await queryRows<{ id: string }>(db, sql`select id from users where workspace_id = ${workspaceId} limit 1`);
    expect(await eraseContact(db, { contactId: ingested!.contactId!, workspaceId, actorUserId: admin0!.id })).not.toBeNull();
    await check();
  });

  it("count a first response and a status change that race on one message", async () => {
    const db = t.database.db;
    const workspace = await createWorkspaceWithAccount(db, "Race brand");
    const [id] = await seedMessages(db, workspace, [{ label: "order_status" }]);
    // An agent closes the message; before that commits, the reply's first response is written
    // (straight, without the reply engine's own lock on the message). On PostgreSQL the
    // response's trigger waits for the close, so each trigger sees the other's result.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let closed!: () => void;
    const updated = new Promise<void>((resolve) => (closed = resolve));
    const closing = db.transaction(async (tx) => {
      await tx.update(messages).set({ status: "closed" }).where(eq(messages.id, id!));
      closed();
      await held;
    });
    await updated;
    const answering = db
      .insert(messageFirstResponses)
      .values({ messageId: id!, workspaceId: workspace.workspaceId, respondedAt: new Date(), responseSeconds: 60 })
      .then(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await Promise.all([closing, answering]);
    await expectTalliesEqualMessages(workspace.workspaceId);
    await expectCountsEqualRecount(workspace.workspaceId, Date.now());
  });
});
