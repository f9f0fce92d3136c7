import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { inboundEvents } from "../db/schema/index.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";

/** Customer text that must never reach a log line or an error column. */
const MARKER = "MARKER-4711-customer-text";

let t: TestApp;
let logged: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ logLevel: "debug" });
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Captures what the app logs (JSON lines on stderr). */
function captureLogs() {
  logged = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    logged.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  });
}

const eventsWithText = async (text: string) =>
  (await t.database.db.select({ n: count() }).from(inboundEvents).where(sql`${inboundEvents.body} like ${`%${text}%`}`))[0]!.n;

describe("a webhook delivery that cannot be stored", () => {
  it("answers 503 with Retry-After, logs no parameter, and is stored when the platform retries", async () => {
    // The database refuses these rows, as it would while it is failing.
    await t.database.db.execute(sql.raw(`alter table inbound_events add constraint refuse_marker check (body not like '%${MARKER}%') not valid`));
    const { body } = instagramCommentDelivery({ text: `where is my order ${MARKER}` });
    captureLogs();
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
    vi.restoreAllMocks();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toMatchObject({ error: { code: "unavailable" } });
    expect(logged.join("")).toContain("could not store webhook deliveries");
    expect(logged.join("")).toContain("23514");
    expect(logged.join("")).not.toContain(MARKER);
    expect(await eventsWithText(MARKER)).toBe(0);

    // The database is back: the platform's retry of the very same request is stored, not taken for a repeat.
    await t.database.db.execute(sql`alter table inbound_events drop constraint refuse_marker`);
    const retry = await t.app.request("/webhooks/instagram", signedInstagramPost(body));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ repeat: false });
    expect(await eventsWithText(MARKER)).toBe(1);
    const [stored] = await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.body, body));
    expect(stored?.status).toBe("pending");
  });
});
