import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { MessagePage, ModerationOutcome, ModerationOutcomeList, ModerationRule, UserRole } from "@surgedesk/shared";
import { useEmulatedInstagramApp } from "@surgedesk/devkit/testing/emulated-instagram-app.ts";
import type { TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { auditEvents, messages, moderationRules, users } from "../api/src/db/schema/index.ts";
import { newId } from "../api/src/lib/ids.ts";

/**
 * The rule actions that set an item's priority and assign it round robin among the online
 * members of a team, on the ingest path: comments delivered through the signed webhook.
 */
describe("rule actions: set priority and round-robin assignment", () => {
  const instagram = useEmulatedInstagramApp();
  let t: TestApp;
  beforeAll(() => {
    t = instagram.t;
  });

  const buyer = () => ({ id: `igsid-${Math.random().toString(36).slice(2)}`, username: `buyer.${Math.random().toString(36).slice(2, 8)}` });

  /** Delivers the comments as webhooks first, then ingests them together: one batch, like a burst. */
  async function deliver(...texts: string[]) {
    const comments = [];
    for (const text of texts) {
      comments.push(await instagram.postComment(text, buyer()));
    }
    await t.ingest.drain();
    return t.database.db.select().from(messages).where(inArray(messages.externalId, comments.map((c) => c.id)));
  }

  async function addUser(role: UserRole, disabled = false) {
    const id = newId("user");
    await t.database.db
      .insert(users)
      .values({ id, workspaceId: t.workspaceId, email: `${id.toLowerCase()}@glowbar.test`, name: `Team ${role}`, role, ...(disabled && { disabledAt: new Date() }) });
    return id;
  }

  const createRule = async (body: object) => {
    const res = await t.app.send("POST", "/api/moderation/rules", body);
    expect(res.status).toBe(201);
    return (await res.json()) as ModerationRule;
  };
  const outcomesOf = async (messageId: string): Promise<ModerationOutcome[]> =>
    ((await (await t.app.request(`/api/moderation/messages/${messageId}/outcomes`)).json()) as ModerationOutcomeList).items;

  it("set_priority raises a matching item to high, first in Needs reply, audited; undo puts the level back", async () => {
    const [plain] = await deliver("does the serum come in a travel size?");
    expect(plain!.escalationLevel).not.toBe("high");
    const rule = await createRule({ name: "Allergic reactions first", mode: "live", conditions: { keywords: ["rash"] }, actions: [{ type: "set_priority", level: "high" }] });

    const [item] = await deliver("I got a rash after using the vitamin C serum, what do I do");
    expect(item!.escalationLevel).toBe("high");
    // The SLA clock follows: a high-risk public comment is the playbook's one-hour policy.
    expect(item!.slaPolicyId).toBe("high-public");
    const queue = (await (await t.app.request("/api/messages?queue=needs_reply")).json()) as MessagePage;
    expect(queue.items[0]?.id).toBe(item!.id);
    expect(queue.items.map((m) => m.id)).toContain(plain!.id);

    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, item!.id), eq(auditEvents.action, "rule.set_priority")));
    expect(audit).toMatchObject({ actorUserId: null, after: { escalationLevel: "high" } });
    const was = (audit!.before as { escalationLevel: string | null }).escalationLevel;
    expect(was).not.toBe("high");

    const [outcome] = await outcomesOf(item!.id);
    expect(outcome).toMatchObject({ action: "set_priority", mode: "live", failure: null, undoable: true });
    expect((await t.app.send("POST", `/api/moderation/outcomes/${outcome!.id}/undo`)).status).toBe(200);
    const [undone] = await t.database.db.select().from(messages).where(eq(messages.id, item!.id));
    expect(undone!.escalationLevel).toBe(was);
    expect(undone!.slaPolicyId).not.toBe("high-public");

    // In dry run it only logs what it would have done.
    await t.app.send("PATCH", `/api/moderation/rules/${rule.id}`, { mode: "dry_run" });
    const [second] = await deliver("small rash on my cheek since yesterday");
    expect(second!.escalationLevel).not.toBe("high");
    expect(await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, second!.id), eq(auditEvents.action, "rule.would_set_priority")))).toHaveLength(1);
    await t.database.db.delete(moderationRules).where(eq(moderationRules.id, rule.id));
  });

  it("a later change by an agent is not overwritten by the undo", async () => {
    const rule = await createRule({ name: "Chargebacks high", mode: "live", conditions: { keywords: ["chargeback"] }, actions: [{ type: "set_priority", level: "high" }] });
    const [item] = await deliver("filing a chargeback with my bank today");
    await t.database.db.update(messages).set({ escalationLevel: "medium" }).where(eq(messages.id, item!.id));
    const [outcome] = await outcomesOf(item!.id);
    expect((await t.app.send("POST", `/api/moderation/outcomes/${outcome!.id}/undo`)).status).toBe(200);
    const [after] = await t.database.db.select().from(messages).where(eq(messages.id, item!.id));
    expect(after!.escalationLevel).toBe("medium");
    await t.database.db.delete(moderationRules).where(eq(moderationRules.id, rule.id));
  });

  it("round robin spreads a burst over the online team evenly, skips the offline member, and fails with the reason when nobody is online", async () => {
    const [ana, ben, cleo] = [await addUser("agent"), await addUser("agent"), await addUser("agent")];
    const rule = await createRule({ name: "Restock questions", mode: "live", conditions: { keywords: ["restock"] }, actions: [{ type: "assign_round_robin", userIds: [ana, ben, cleo] }] });
    const leave = [t.live.streams.add(ana, async () => undefined), t.live.streams.add(ben, async () => undefined)];

    const burst = await deliver("when will you restock the lip oil?", "restock on the glow drops pls", "any restock date for shade 03?", "is the mini set getting a restock");
    expect(burst).toHaveLength(4);
    const counts = new Map<string | null, number>();
    for (const m of burst) counts.set(m.assigneeId, (counts.get(m.assigneeId) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ [ana]: 2, [ben]: 2 });
    const audit = await t.database.db.select().from(auditEvents).where(and(inArray(auditEvents.entityId, burst.map((m) => m.id)), eq(auditEvents.action, "rule.assign_round_robin")));
    expect(audit).toHaveLength(4);

    // The one assigned item undone goes back to nobody, like a rule's assign.
    const [outcome] = await outcomesOf(burst[0]!.id);
    expect(outcome).toMatchObject({ action: "assign_round_robin", failure: null, undoable: true });
    expect((await t.app.send("POST", `/api/moderation/outcomes/${outcome!.id}/undo`)).status).toBe(200);
    const [undone] = await t.database.db.select().from(messages).where(eq(messages.id, burst[0]!.id));
    expect(undone!.assigneeId).toBeNull();

    for (const forget of leave) forget();
    const [alone] = await deliver("will you restock the travel kit?");
    expect(alone!.assigneeId).toBeNull();
    const [failed] = await outcomesOf(alone!.id);
    expect(failed).toMatchObject({ action: "assign_round_robin", failure: "No agent of the rule's team is online.", undoable: false });
    await t.database.db.delete(moderationRules).where(eq(moderationRules.id, rule.id));
  });

  it("an empty team means every agent and admin: the online one with the fewest open items gets it", async () => {
    const [busy, free] = [await addUser("agent"), await addUser("admin")];
    const rule = await createRule({ name: "Wholesale", mode: "live", conditions: { keywords: ["wholesale"] }, actions: [{ type: "assign_round_robin", userIds: [] }] });
    const [earlier] = await deliver("is the wholesale form still open?");
    await t.database.db.update(messages).set({ assigneeId: busy }).where(eq(messages.id, earlier!.id));
    const leave = [t.live.streams.add(busy, async () => undefined), t.live.streams.add(free, async () => undefined)];
    const [item] = await deliver("wholesale prices for a salon please");
    expect(item!.assigneeId).toBe(free);
    for (const forget of leave) forget();
    await t.database.db.delete(moderationRules).where(eq(moderationRules.id, rule.id));
  });

  it("refuses a team with a viewer, a disabled user or a stranger when the rule is saved", async () => {
    const agent = await addUser("agent");
    for (const other of [await addUser("viewer"), await addUser("agent", true), "user_nobody"]) {
      const res = await t.app.send("POST", "/api/moderation/rules", { name: "Team", conditions: { hasLink: true }, actions: [{ type: "assign_round_robin", userIds: [agent, other] }] });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "validation_failed", message: expect.stringContaining("round robin") } });
    }
    const bad = await t.app.send("POST", "/api/moderation/rules", { name: "Priority", conditions: { hasLink: true }, actions: [{ type: "set_priority", level: "urgent" }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });
});
