import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";

/** A receiver on this machine: the kind of address an attacker points the alert webhook at. */
let receiver: Server;
let received = 0;
let port: number;

beforeAll(async () => {
  receiver = createServer((_req, res) => {
    received += 1;
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function pointWebhookAt(t: TestApp, url: string) {
  const res = await t.app.request("/api/spikes/webhook", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url, secret: "a-receiver-secret-of-some-length" }),
  });
  expect(res.status).toBe(200);
}
const sendTest = async (t: TestApp) => (await t.app.request("/api/spikes/webhook/test", { method: "POST" })).json();

describe("the alert webhook's outbound requests", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it("refuses a private target: the same words for an open and a closed port, no status, nothing sent", async () => {
    await pointWebhookAt(t, `http://127.0.0.1:${port}/surgedesk`);
    const open = await sendTest(t);
    await pointWebhookAt(t, "http://localhost:65000/surgedesk"); // nothing listens there
    const closed = await sendTest(t);
    expect(open).toEqual({ delivered: false, status: null, error: "refused: private address" });
    expect(closed).toEqual(open);
    expect(received).toBe(0);
  });
});

describe("with the receiver's address in OUTBOUND_ALLOW", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ outboundAllow: ["127.0.0.1"] });
  }, 120_000);
  afterAll(() => t?.close());

  it("delivers the test alert", async () => {
    await pointWebhookAt(t, `http://127.0.0.1:${port}/surgedesk`);
    expect(await sendTest(t)).toEqual({ delivered: true, status: 204, error: null });
    expect(received).toBe(1);
  });
});
