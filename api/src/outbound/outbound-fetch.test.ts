import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboundPolicy } from "./address-policy.ts";
import { createOutboundFetch, OutboundRefusedError, type Resolve } from "./outbound-fetch.ts";

let server: Server;
let port: number;
let received = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    received += 1;
    if (req.url === "/redirect") res.writeHead(302, { location: `http://127.0.0.1:${port}/inside` }).end();
    else res.writeHead(200).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = { method: "POST", body: "{}", signal: AbortSignal.timeout(5_000) } satisfies RequestInit;

describe("the fetch for user-supplied URLs", () => {
  it("refuses a private target by address or by a name that resolves to one, and never connects", async () => {
    const guarded = createOutboundFetch(createOutboundPolicy());
    const before = received;
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`, `http://[::ffff:127.0.0.1]:${port}/`, "http://169.254.169.254/latest/meta-data/"]) {
      await expect(guarded(url, post), url).rejects.toBeInstanceOf(OutboundRefusedError);
    }
    expect(received).toBe(before);
  });

  it("refuses an open and a closed private port with the same words", async () => {
    const guarded = createOutboundFetch(createOutboundPolicy());
    const messages = await Promise.all(
      [`http://127.0.0.1:${port}/`, "http://127.0.0.1:65000/"].map((url) => guarded(url, post).then(() => "sent", (error: Error) => error.message)),
    );
    expect(messages).toEqual(["refused: private address", "refused: private address"]);
  });

  it("reaches a private receiver the operator allowed, and does not follow its redirects", async () => {
    const guarded = createOutboundFetch(createOutboundPolicy(["127.0.0.1"]));
    expect((await guarded(`http://127.0.0.1:${port}/hook`, post)).status).toBe(200);
    const before = received;
    const redirected = await guarded(`http://127.0.0.1:${port}/redirect`, post);
    expect(redirected.status).toBe(302);
    expect(received).toBe(before + 1);
  });

  it("connects to the address it checked: a name that rebinds to a private address between lookups never reaches it", async () => {
    // First an allowed answer (a documentation address standing in for a public one: nothing
    // answers there), then a private one, alternating: a check and a connect that each looked
    // the name up would pass the check on one answer and connect to the other.
    let lookups = 0;
    const rebinding: Resolve = (_hostname, callback) => {
      lookups += 1;
      callback(null, [{ address: lookups % 2 === 1 ? "198.51.100.7" : "127.0.0.1", family: 4 }]);
    };
    const guarded = createOutboundFetch(createOutboundPolicy(["198.51.100.7"]), { resolve: rebinding });
    const before = received;
    for (let attempt = 0; attempt < 4; attempt++) {
      await guarded(`http://rebind.example:${port}/hook`, { ...post, signal: AbortSignal.timeout(1_000) }).catch(() => undefined);
    }
    expect(received).toBe(before);
    expect(lookups).toBeGreaterThanOrEqual(1);
  });

  it("refuses schemes other than http and https", async () => {
    const guarded = createOutboundFetch(createOutboundPolicy(["127.0.0.1"]));
    await expect(guarded("file:///etc/passwd", { method: "GET" })).rejects.toBeInstanceOf(OutboundRefusedError);
  });
});
