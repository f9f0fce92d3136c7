import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classificationSchema, LABELS } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { CLASSIFY_BATCH_MAX } from "./classify-routes.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const classify = (body: unknown) =>
  t.app.request("/api/classify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("POST /api/classify", () => {
  it("classifies a batch in order, each answer in the shared shape", async () => {
    const res = await classify({
      texts: [
        "the creator code MARIA15 doesnt work at checkout",
        "DM me to earn $500 a day 💸 bit.ly/free-cash",
        { text: "still waiting on order #1234, this is the third time I ask!!!", context: { priorMessagesFromAuthor: 2, likes: 300 } },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { modelVersion: string; results: unknown[] };
    const results = body.results.map((r) => classificationSchema.parse(r));
    expect(results.map((r) => r.label)).toEqual(["promo_confusion", "spam_scam", "order_status"]);
    expect(results[0]!.entities.promoCodes).toContain("MARIA15");
    expect(results[2]!.escalation.level).toBe("high");
    expect(Object.keys(results[0]!.scores).sort()).toEqual([...LABELS].sort());
    expect(body.modelVersion).toBe(results[0]!.modelVersion);
  });

  it.each([
    ["an empty batch", { texts: [] }],
    ["a batch over the limit", { texts: Array.from({ length: CLASSIFY_BATCH_MAX + 1 }, () => "hi") }],
    ["a missing texts field", { text: "hi" }],
    ["a non-string text", { texts: [42] }],
  ])("answers 400 for %s", async (_, body) => {
    const res = await classify(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
  });

  it("answers 400 for malformed JSON", async () => {
    const res = await t.app.request("/api/classify", { method: "POST", headers: { "content-type": "application/json" }, body: "{texts:" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json" } });
  });

  it("classifies hostile and odd input without failing", async () => {
    const res = await classify({ texts: ["", "😡😡😡", "\u200b\u202e", "<script>alert(1)</script>", "x".repeat(10_000)] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(5);
  });
});
