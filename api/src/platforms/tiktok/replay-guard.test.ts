import { describe, expect, it } from "vitest";
import { createReplayGuard } from "./replay-guard.ts";

const t0 = new Date("2025-08-21T12:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

describe("createReplayGuard", () => {
  it("lets a signature through once and refuses it after", () => {
    const guard = createReplayGuard({ rememberMs: 60_000 });
    expect(guard.claim("aa", t0)).toBe(true);
    expect(guard.claim("aa", later(1000))).toBe(false);
    expect(guard.claim("bb", later(1000))).toBe(true);
  });

  it("forgets a released claim, so a retry of a request that failed is not a replay", () => {
    const guard = createReplayGuard({ rememberMs: 60_000 });
    expect(guard.claim("aa", t0)).toBe(true);
    guard.release("aa");
    expect(guard.claim("aa", t0)).toBe(true);
  });

  it("forgets signatures once they are too old to pass the timestamp check anyway", () => {
    const guard = createReplayGuard({ rememberMs: 60_000 });
    guard.claim("aa", t0);
    guard.claim("bb", later(30_000));
    expect(guard.claim("cc", later(61_000))).toBe(true);
    expect(guard.size).toBe(2);
  });

  it("stays within its bound under a flood", () => {
    const guard = createReplayGuard({ rememberMs: 60_000, maxEntries: 100 });
    for (let i = 0; i < 1000; i++) guard.claim(`sig-${i}`, t0);
    expect(guard.size).toBeLessThanOrEqual(100);
    expect(guard.claim("sig-999", t0)).toBe(false);
  });
});
