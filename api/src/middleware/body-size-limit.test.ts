import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Hono } from "hono";
import { serve, type ServerType } from "@hono/node-server";
import type { AppEnv } from "../app-env.ts";
import { bodySizeLimit } from "./body-size-limit.ts";
import { handleError } from "./error-handler.ts";

const LIMIT = 1_000;
let server: ServerType;
let port: number;

/** A body sent over a real socket, with its length declared or chunked. */
function post(body: string, framing: "declared" | "chunked"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "text/plain" };
    if (framing === "declared") headers["content-length"] = String(Buffer.byteLength(body));
    const req = request({ host: "127.0.0.1", port, path: "/echo", method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    if (framing === "chunked") {
      // Several writes without a length: Node sends Transfer-Encoding: chunked.
      for (let i = 0; i < body.length; i += 300) req.write(body.slice(i, i + 300));
    } else {
      req.write(body);
    }
    req.end();
  });
}

beforeAll(async () => {
  const app = new Hono<AppEnv>();
  app.use(bodySizeLimit(LIMIT));
  app.post("/echo", async (c) => c.text(`${(await c.req.arrayBuffer()).byteLength} bytes`));
  app.onError(handleError);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("body size limit", () => {
  for (const framing of ["declared", "chunked"] as const) {
    it(`passes a body within the limit whole (${framing} length)`, async () => {
      expect(await post("é".repeat(LIMIT / 2), framing)).toEqual({ status: 200, body: `${LIMIT} bytes` });
    });

    it(`refuses a body over the limit with 413 and a JSON error (${framing} length)`, async () => {
      const res = await post("x".repeat(LIMIT + 1), framing);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: "payload_too_large" } });
    });
  }
});
