import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABELS, renderTemplate, type Label, type Macro } from "@surgedesk/shared";
import { MACRO_LIBRARY } from "../api/src/replies/macro-library.ts";
import { publicReplyProblem } from "../api/src/replies/pii-guard.ts";
import { rankMacros } from "../api/src/replies/rank-macros.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

describe("template variables", () => {
  it("fills every variable it has a value for", () => {
    const r = renderTemplate("Hi {{customer_name}}, order {{ order_id }} is {{order_status}}.", { customer_name: "Maya", order_id: "#1042", order_status: "shipped" });
    expect(r.text).toBe("Hi Maya, order #1042 is shipped.");
    expect(r.missing).toEqual([]);
  });

  it("reports missing and blank values, once each, and keeps their placeholders visible", () => {
    const r = renderTemplate("{{order_id}} / {{tracking_url}} / {{order_id}}", { order_id: null, tracking_url: "  " });
    expect(r.missing).toEqual(["order_id", "tracking_url"]);
    expect(r.text).toBe("{{order_id}} / {{tracking_url}} / {{order_id}}");
    expect(r.parts.filter((p) => p.kind === "variable").every((p) => p.kind === "variable" && p.value === null)).toBe(true);
  });
});

describe("PII guard for public replies", () => {
  it.each([
    ["order number", "Your order #1042 shipped today!"],
    ["order number", "Pedido 576123456789012345 en camino"],
    ["email address", "We emailed maya.r@example.com"],
    ["phone number", "Call us back on +1 415 555 0199"],
    ["street address", "It went to 221 Baker Street"],
    ["tracking number", "Tracking 1Z999AA10123456784"],
    ["tracking number", "Follow it at https://www.ups.com/track?tracknum=1Z999AA10123456784"],
  ])("refuses a %s", (kind, text) => {
    expect(publicReplyProblem(text)).toContain(kind);
  });

  it("lets the library's public macros through once filled with a handle", () => {
    for (const macro of MACRO_LIBRARY.filter((m) => m.channel === "public")) {
      expect(publicReplyProblem(renderTemplate(macro.body, { customer_handle: "buyer_maya" }).text)).toBeNull();
    }
  });
});

describe("suggestion ranking", () => {
  const library = MACRO_LIBRARY.map((m) => ({ ...m }));
  const served = new Set(library.flatMap((m) => m.labels));
  const labelsWithMacros = LABELS.filter((l): l is Label => served.has(l));

  it.each(labelsWithMacros)("puts a macro made for %s first, in the message's language", (label) => {
    for (const language of ["en", "es"] as const) {
      const [best] = rankMacros(library, { label, language, kind: "comment", privateFromComment: true, escalated: false, workspaceLanguage: "en" });
      expect(best?.macro.labels).toContain(label);
      expect(best?.macro.language).toBe(language);
    }
  });

  it("never offers a public macro for a DM, nor a private one for a TikTok comment", () => {
    const forDm = rankMacros(library, { label: "order_status", language: "en", kind: "dm", privateFromComment: false, escalated: false, workspaceLanguage: "en" }, 50);
    expect(forDm.every((r) => r.macro.channel !== "public")).toBe(true);
    const forTikTok = rankMacros(library, { label: "order_status", language: "en", kind: "comment", privateFromComment: false, escalated: false, workspaceLanguage: "en" }, 50);
    expect(forTikTok.every((r) => r.macro.channel !== "private")).toBe(true);
    expect(forTikTok[0]?.macro.channel).toBe("public");
  });

  const ctx = { kind: "comment", privateFromComment: true, escalated: false, workspaceLanguage: "en" } as const;

  it("offers only macros for the message's case type and in its language: no apology for praise, no order macro for a product question", () => {
    for (const language of ["en", "es"] as const) {
      const praise = rankMacros(library, { ...ctx, label: "praise", language }, 50);
      expect(praise.length).toBeGreaterThan(0);
      expect(praise.every((r) => r.macro.labels.includes("praise") && r.macro.language === language)).toBe(true);
      expect(praise.map((r) => r.macro.body).join(" ")).not.toMatch(/sorry|sentimos|perdona/i);
      const question = rankMacros(library, { ...ctx, label: "product_question", language }, 50);
      expect(question.map((r) => r.macro.key)).toEqual([`product_answer.${language}`, `product_answer_dm.${language}`]);
    }
  });

  it("offers nothing for spam, nor for a message without a case type", () => {
    expect(rankMacros(library, { ...ctx, label: "spam_scam", language: "en" }, 50)).toEqual([]);
    expect(rankMacros(library, { ...ctx, label: null, language: "en" }, 50)).toEqual([]);
    expect(rankMacros(library, { ...ctx, label: "other", language: "en" }, 50)).toEqual([]);
  });

  it("answers in the workspace's language when the message's is unknown or has no macro for its case", () => {
    const unknown = rankMacros(library, { ...ctx, label: "order_status", language: "und" }, 50);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((r) => r.macro.language === "en")).toBe(true);
    const englishOnly = [{ channel: "public", labels: ["praise"], language: "en", key: "custom" } as const];
    expect(rankMacros(englishOnly, { ...ctx, label: "praise", language: "es" }).map((r) => r.macro.key)).toEqual(["custom"]);
    expect(rankMacros(englishOnly, { ...ctx, label: "praise", language: "es", workspaceLanguage: "es" })).toEqual([]);
  });

  it("ranks WISMO first for an order-status comment on Instagram", () => {
    const [first] = rankMacros(library, { label: "order_status", language: "en", kind: "comment", privateFromComment: true, escalated: false, workspaceLanguage: "en" });
    expect(first?.macro.key).toBe("wismo.en");
  });
});

describe("macros API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it("seeds the library in English and Spanish", async () => {
    const res = await t.app.request("/api/macros");
    expect(res.status).toBe(200);
    const { macros } = (await res.json()) as { macros: Macro[] };
    expect(macros.length).toBe(MACRO_LIBRARY.length);
    const keys = new Set(macros.map((m) => m.key));
    for (const id of ["wismo", "shipping_delay", "promo_clarification", "return_intake", "damaged_evidence", "delivered_not_received", "wrong_missing_item", "cancel_change", "payment_issue", "comment_to_dm_ack", "manager_escalation", "product_answer", "praise_thanks"]) {
      expect(keys.has(`${id}.en`) && keys.has(`${id}.es`)).toBe(true);
    }
  });

  it("creates, edits and deletes a macro, audited; refuses unknown variables and viewers", async () => {
    const body = { title: "Restock", body: "Hi {{customer_name}}, back {{date}}!", channel: "private", labels: ["product_question"], language: "en" };
    const created = await t.app.request("/api/macros", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    const { macro } = (await created.json()) as { macro: Macro };
    const patched = await t.app.request(`/api/macros/${macro.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Restock soon" }) });
    expect(((await patched.json()) as { macro: Macro }).macro.title).toBe("Restock soon");

    const bad = await t.app.request("/api/macros", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...body, body: "{{coupon}}" }) });
    expect(bad.status).toBe(400);

    const viewer = await t.tokenFor("viewer");
    const refused = await t.anonymous.request("/api/macros", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${viewer}` }, body: JSON.stringify(body) });
    expect(refused.status).toBe(403);

    expect((await t.app.request(`/api/macros/${macro.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await t.app.request(`/api/macros/${macro.id}`)).status).toBe(404);
    const audit = (await (await t.app.request("/api/audit")).json()) as { items?: { action: string }[]; events?: { action: string }[] };
    const actions = (audit.items ?? audit.events ?? []).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["macro.create", "macro.update", "macro.delete"]));
  });
});
