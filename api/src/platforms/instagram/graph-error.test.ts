import { describe, expect, it } from "vitest";
import { readFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { graphErrorFromResponse } from "./graph-error.ts";

const none = new Headers();

describe("graphErrorFromResponse", () => {
  it.each([
    ["error-rate-limited.json", 400, "rate_limited", "4"],
    ["error-buc-rate-limited.json", 403, "rate_limited", "80002"],
    ["error-token-expired.json", 400, "token_expired", "190"],
    ["error-object-missing.json", 400, "rejected", "100"],
    ["error-private-reply-window.json", 400, "rejected", "10"],
  ])("reads %s as %s", (fixture, status, kind, platformCode) => {
    const error = graphErrorFromResponse(status, none, readFixture(`instagram/graph/${fixture}`));
    expect(error).toMatchObject({ kind, platformCode });
    expect(error.message).toMatch(/^Instagram Graph API: .+ \(code \d+/);
  });

  it("takes the wait from Retry-After, then from the usage header", () => {
    const body = readFixture("instagram/graph/error-rate-limited.json");
    expect(graphErrorFromResponse(429, new Headers({ "retry-after": "17" }), body, 60_000).retryAfterMs).toBe(17_000);
    expect(graphErrorFromResponse(400, none, body, 60_000).retryAfterMs).toBe(60_000);
    expect(graphErrorFromResponse(400, none, body).retryAfterMs).toBeUndefined();
  });

  it("reads a bare 429 or 5xx by its status, whatever the body", () => {
    expect(graphErrorFromResponse(429, none, "<html>slow down</html>").kind).toBe("rate_limited");
    expect(graphErrorFromResponse(502, none, "").kind).toBe("transient");
    expect(graphErrorFromResponse(400, none, '{"error":{"message":"x","code":2,"is_transient":true}}').kind).toBe("transient");
    expect(graphErrorFromResponse(404, none, "{}").kind).toBe("rejected");
  });
});
