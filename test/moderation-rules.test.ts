import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { slaTimer, type MessageDetail, type ModerationOutcome, type ModerationOutcomeList, type ModerationRule, type OutcomeUndoResult, type RuleList, type Tag } from "@surgedesk/shared";
import { useEmulatedInstagramApp } from "@surgedesk/devkit/testing/emulated-instagram-app.ts";
import type { TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { auditEvents, messages, moderationRules } from "../api/src/db/schema/index.ts";

/**
 * Moderation rules end to end: a comment delivered through the signed webhook, classified,
 * matched by a live rule and hidden on the (emulated) platform, then undone from the console.
 */
const json = (method: string, body?: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) });

describe("moderation rules on the ingest path", () => {
  const instagram = useEmulatedInstagramApp();
  let t: TestApp;
  beforeAll(() => {
    t = instagram.t;
  });

  async function deliver(text: string, from = { id: `igsid-${Math.random().toString(36).slice(2)}`, username: "promo.queen.88" }) {
    const comment = await instagram.postComment(text, from);
    await t.ingest.drain();
    await t.ruleHides.drain();
    const [row] = await t.database.db.select().from(messages).where(eq(messages.externalId, comment.id));
    return { comment, message: row! };
  }

  const outcomesOf = async (messageId: string): Promise<ModerationOutcome[]> =>
    ((await (await t.app.request(`/api/moderation/messages/${messageId}/outcomes`)).json()) as ModerationOutcomeList).items.sort((a, b) => a.action.localeCompare(b.action));
  const rulesNow = async () => ((await (await t.app.request("/api/moderation/rules")).json()) as RuleList).items;

  it("ships the default rules, in dry run: a scam comment stays up, and the audit log says what would have happened", async () => {
    const defaults = await rulesNow();
    expect(defaults.map((r) => [r.name, r.mode, r.enabled])).toEqual([
      ["Scam links", "dry_run", true],
      ["“DM me to earn” spam", "dry_run", true],
    ]);
    const { comment, message } = await deliver("🔥 Want to earn $500/day from home? DM me 🔥 bit.ly/3xYzQ");
    expect(message.label).toBe("spam_scam");
    expect(comment.hidden).toBe(false);
    expect(message).toMatchObject({ visibility: "visible", status: "open" });
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, message.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["rule.would_hide", "rule.would_resolve"]);
    expect(audit[0]?.after).toMatchObject({ ruleName: "Scam links" });
    const outcomes = await outcomesOf(message.id);
    expect(outcomes.map((o) => [o.action, o.mode, o.undoable])).toEqual([
      ["hide", "dry_run", false],
      ["resolve", "dry_run", false],
    ]);
    // The default rules stop after the first match: the second logged nothing.
    expect(outcomes.every((o) => o.ruleName === "Scam links")).toBe(true);
  });

  it("a live rule hides a scam comment on the platform, resolves it (no SLA timer), and an agent undoes it from the message", async () => {
    const [scamLinks] = await rulesNow();
    const res = await t.app.request(`/api/moderation/rules/${scamLinks!.id}`, json("PATCH", { mode: "live" }));
    expect(res.status).toBe(200);
    const { comment, message } = await deliver("FREE iPhone 15 giveaway 👉 claim at bit.ly/free-ip15 before it ends!!");
    expect(comment.hidden).toBe(true);
    expect(message).toMatchObject({ visibility: "hidden", status: "closed" });
    const detail = (await (await t.app.request(`/api/messages/${message.id}`)).json()) as MessageDetail;
    expect(slaTimer(detail).state).toBe("none");
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, message.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["message.hide", "rule.hide", "rule.resolve"]);
    expect(audit.every((a) => a.actorUserId === null)).toBe(true);

    const outcomes = await outcomesOf(message.id);
    const hide = outcomes.find((o) => o.action === "hide")!;
    expect(hide).toMatchObject({ mode: "live", failure: null, undoable: true, ruleName: "Scam links" });
    const viewer = await t.tokenFor("viewer");
    expect((await t.app.request(`/api/moderation/outcomes/${hide.id}/undo`, { method: "POST", headers: { authorization: `Bearer ${viewer}` } })).status).toBe(403);
    const undo = await t.app.request(`/api/moderation/outcomes/${hide.id}/undo`, json("POST"));
    expect(undo.status).toBe(200);
    expect(((await undo.json()) as OutcomeUndoResult).note).toBeNull();
    expect(comment.hidden).toBe(false);
    const [after] = await t.database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(after).toMatchObject({ visibility: "visible", status: "open" });
    expect((await t.app.request(`/api/moderation/outcomes/${hide.id}/undo`, json("POST"))).status).toBe(400);
    const undone = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, message.id), eq(auditEvents.action, "rule.undo")));
    expect(undone.length).toBeGreaterThan(0);
    await t.app.request(`/api/moderation/rules/${scamLinks!.id}`, json("PATCH", { mode: "dry_run" }));
  });

  it("hiding from the console resolves the message and stops its timer", async () => {
    const { comment, message } = await deliver("does the serum come in a travel size?");
    expect(message.status).toBe("open");
    const res = await t.app.request(`/api/messages/${message.id}/hide`, json("POST"));
    expect(res.status).toBe(200);
    const detail = (await res.json()) as MessageDetail;
    expect(detail).toMatchObject({ visibility: "hidden", status: "closed" });
    expect(slaTimer(detail).state).toBe("none");
    expect(comment.hidden).toBe(true);
  });

  it("a muted author's next comment is hidden on arrival; unmuting lets the one after through", async () => {
    const bot = { id: "igsid-muted-bot", username: "crypto.king.official" };
    const { message: first } = await deliver("nice video", bot);
    expect(first.contactId).not.toBeNull();
    const agent = await t.tokenFor("agent");
    const mute = await t.app.request(`/api/contacts/${first.contactId}/mute`, { method: "POST", headers: { authorization: `Bearer ${agent}` } });
    expect(mute.status).toBe(200);
    expect(await mute.json()).toMatchObject({ muted: true });

    const { comment, message } = await deliver("check my page for a surprise", bot);
    expect(comment.hidden).toBe(true);
    expect(message).toMatchObject({ visibility: "hidden", status: "closed" });
    const outcomes = await outcomesOf(message.id);
    expect(outcomes).toEqual([expect.objectContaining({ ruleId: null, ruleName: "Muted author", action: "hide", mode: "live", undoable: true })]);

    const unmute = await t.app.request(`/api/contacts/${first.contactId}/mute`, { method: "DELETE", headers: { authorization: `Bearer ${agent}` } });
    expect(await unmute.json()).toMatchObject({ muted: false });
    const { comment: later } = await deliver("ok sorry, where do I buy it?", bot);
    expect(later.hidden).toBe(false);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, first.contactId!), inArray(auditEvents.action, ["contact.mute", "contact.unmute"])));
    expect(audit.map((a) => a.action).sort()).toEqual(["contact.mute", "contact.unmute"]);
    // A viewer cannot mute.
    const viewer = await t.tokenFor("viewer");
    expect((await t.app.request(`/api/contacts/${first.contactId}/mute`, { method: "POST", headers: { authorization: `Bearer ${viewer}` } })).status).toBe(403);
    expect((await t.app.request(`/api/contacts/contact_nobody/mute`, json("POST"))).status).toBe(404);
  });

  it("live resolve, assign and notify, evaluated again when an agent relabels; each undone from the message", async () => {
    const agentToken = await t.tokenFor("agent");
    const me = (await (await t.app.request("/api/auth/me", { headers: { authorization: `Bearer ${agentToken}` } })).json()) as { user: { id: string } };
    const created = await t.app.request(
      "/api/moderation/rules",
      json("POST", {
        name: "Wholesale to partnerships",
        mode: "live",
        conditions: { labels: ["promo_confusion"], keywords: ["wholesale"] },
        actions: [{ type: "assign", userId: me.user.id }, { type: "notify", note: "Partnership lead" }, { type: "resolve" }],
      }),
    );
    expect(created.status).toBe(201);
    const rule = (await created.json()) as ModerationRule;
    expect(rule.position).toBe(2);
    const heard: unknown[] = [];
    const stop = t.live.events.subscribe((event) => {
      if (event.type === "moderation_notice") heard.push(event);
    });
    const { message } = await deliver("do you offer wholesale pricing for our salon?");
    expect(message.status).toBe("open");
    // The model read it otherwise; the agent's relabel makes the rule match.
    expect(message.label).not.toBe("promo_confusion");
    const patched = await t.app.request(`/api/messages/${message.id}`, json("PATCH", { label: "promo_confusion" }));
    expect(patched.status).toBe(200);
    const [after] = await t.database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(after).toMatchObject({ assigneeId: me.user.id, status: "closed" });
    expect(heard).toEqual([expect.objectContaining({ messageId: message.id, ruleName: "Wholesale to partnerships", note: "Partnership lead" })]);
    stop();
    const outcomes = await outcomesOf(message.id);
    expect(outcomes.map((o) => [o.action, o.undoable])).toEqual([
      ["assign", true],
      ["notify", false],
      ["resolve", true],
    ]);
    for (const o of outcomes.filter((x) => x.undoable)) expect((await t.app.request(`/api/moderation/outcomes/${o.id}/undo`, json("POST"))).status).toBe(200);
    const [undone] = await t.database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(undone).toMatchObject({ assigneeId: null, status: "open" });
    await t.database.db.delete(moderationRules).where(eq(moderationRules.id, rule.id));
  });

  it("a live tag rule tags the item at ingest (audited, undoable from the message); in dry run it only logs", async () => {
    const tag = (await (await t.app.request("/api/tags", json("POST", { name: "Catalogue request", colour: "red" }))).json()) as Tag;
    const created = await t.app.request(
      "/api/moderation/rules",
      json("POST", { name: "Catalogue", mode: "live", conditions: { keywords: ["catalogue", "catálogo"] }, actions: [{ type: "tag", tagId: tag.id }] }),
    );
    expect(created.status).toBe(201);
    const rule = (await created.json()) as ModerationRule;
    const { message } = await deliver("could you send me the full catalogue? the blue set looks lovely");
    const detail = (await (await t.app.request(`/api/messages/${message.id}`)).json()) as MessageDetail;
    expect(detail.tags).toEqual([{ id: tag.id, name: "Catalogue request", colour: "red" }]);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, message.id), eq(auditEvents.action, "rule.tag")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: null, after: { ruleId: rule.id, ruleName: "Catalogue", tags: { added: { id: tag.id } } } });
    const outcome = (await outcomesOf(message.id)).find((o) => o.action === "tag")!;
    expect(outcome).toMatchObject({ mode: "live", failure: null, undoable: true, ruleName: "Catalogue" });
    expect((await t.app.request(`/api/moderation/outcomes/${outcome.id}/undo`, json("POST"))).status).toBe(200);
    expect(((await (await t.app.request(`/api/messages/${message.id}`)).json()) as MessageDetail).tags).toEqual([]);
    const undone = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, message.id), eq(auditEvents.action, "rule.undo")));
    expect(undone.length).toBeGreaterThan(0);
    expect((await t.app.request(`/api/moderation/outcomes/${outcome.id}/undo`, json("POST"))).status).toBe(400);

    await t.app.request(`/api/moderation/rules/${rule.id}`, json("PATCH", { mode: "dry_run" }));
    const { message: second } = await deliver("¿tienen catálogo de precios?");
    expect(((await (await t.app.request(`/api/messages/${second.id}`)).json()) as MessageDetail).tags).toEqual([]);
    const logged = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, second.id), eq(auditEvents.action, "rule.would_tag")));
    expect(logged).toHaveLength(1);
    expect((await outcomesOf(second.id)).find((o) => o.action === "tag")).toMatchObject({ mode: "dry_run", undoable: false });
    await t.database.db.delete(moderationRules).where(eq(moderationRules.id, rule.id));
  });
});
