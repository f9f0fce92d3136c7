import { describe, expect, it } from "vitest";
import { accountHealth } from "./account-health.ts";

const NOW = Date.parse("2026-12-06T12:00:00Z");
const healthy = { status: "active" as const, attentionReason: null, throttledUntil: null, lastError: null, hasAccessToken: true, tokenExpiresAt: null };

describe("an account's health in words", () => {
  it("says connected when nothing is wrong", () => {
    expect(accountHealth(healthy, NOW)).toEqual({ tone: "ok", summary: "Connected", details: [] });
  });

  it("gives the reason an account needs attention, and its last error", () => {
    const health = accountHealth(
      { ...healthy, status: "needs_attention", attentionReason: "The platform refused the access token (expired or revoked): reconnect the account.", lastError: "HTTP 401 from the platform" },
      NOW,
    );
    expect(health.tone).toBe("problem");
    expect(health.summary).toBe("Needs attention: The platform refused the access token (expired or revoked): reconnect the account.");
    expect(health.details).toEqual(["Last error: HTTP 401 from the platform"]);
  });

  it("says until when the platform throttles it, and only while it does", () => {
    const throttled = accountHealth({ ...healthy, throttledUntil: "2026-12-06T12:30:00Z" }, NOW);
    expect(throttled.tone).toBe("warning");
    expect(throttled.details[0]).toMatch(/^Throttled by the platform until .+ \(in 30 minutes\)$/);
    expect(accountHealth({ ...healthy, throttledUntil: "2026-12-06T11:00:00Z" }, NOW).details).toEqual([]);
  });

  it("warns of a token that expires soon and flags one that has expired", () => {
    const soon = accountHealth({ ...healthy, tokenExpiresAt: "2026-12-08T12:00:00Z" }, NOW);
    expect(soon.tone).toBe("warning");
    expect(soon.details[0]).toMatch(/^Token expires in 2 days/);
    expect(accountHealth({ ...healthy, tokenExpiresAt: "2027-03-01T00:00:00Z" }, NOW).tone).toBe("ok");
    const expired = accountHealth({ ...healthy, tokenExpiresAt: "2026-12-05T12:00:00Z" }, NOW);
    expect(expired.tone).toBe("problem");
    expect(expired.details[0]).toMatch(/^Token expired yesterday .*reconnect with a fresh token$/);
  });

  it("says a disconnected account needs a fresh token", () => {
    expect(accountHealth({ ...healthy, status: "disconnected" }, NOW).summary).toBe("Disconnected: connect it again with a fresh token");
  });

  it("does not warn of a short-lived token that Surgedesk renews itself, and says when it last did", () => {
    const renewing = accountHealth({ ...healthy, tokenExpiresAt: "2026-12-06T20:00:00Z", tokenRefreshable: true, tokenRefreshedAt: "2026-12-06T10:00:00Z" }, NOW);
    expect(renewing.tone).toBe("ok");
    expect(renewing.details).toEqual([expect.stringMatching(/^Token expires in 8 hours .* and is renewed automatically before then$/), "Token last renewed 2 hours ago"]);
  });

  it("says when the last webhook arrived and the last poll ran, or that none has yet", () => {
    expect(accountHealth({ ...healthy, lastWebhookAt: "2026-12-06T11:57:00Z", lastPolledAt: null }, NOW).details).toEqual([
      expect.stringMatching(/^Last webhook received 3 minutes ago \(/),
      "Not polled yet",
    ]);
    expect(accountHealth({ ...healthy, lastWebhookAt: null, lastPolledAt: "2026-12-06T11:59:30Z" }, NOW).details).toEqual([
      "No webhook received yet",
      expect.stringMatching(/^Last polled 30 seconds ago \(/),
    ]);
  });
});
