import { describe, expect, it } from "vitest";
import { createBackgroundLoop } from "./background-loop.ts";

describe("background loop", () => {
  it("runs a pass at start, rests, and runs again at once when notified", async () => {
    let passes = 0;
    const loop = createBackgroundLoop(async () => void passes++, 60_000, () => {});
    loop.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(passes).toBe(1);
    loop.notify();
    await new Promise((r) => setTimeout(r, 20));
    expect(passes).toBe(2);
    await loop.stop();
  });

  it("remembers a notification that arrives during a pass", async () => {
    let passes = 0;
    let release: () => void = () => {};
    const loop = createBackgroundLoop(
      () => {
        passes += 1;
        return passes === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      60_000,
      () => {},
    );
    loop.start();
    await new Promise((r) => setTimeout(r, 10));
    loop.notify();
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(passes).toBe(2);
    await loop.stop();
  });

  it("reports a failing pass and keeps going", async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const loop = createBackgroundLoop(
      async () => {
        passes += 1;
        if (passes === 1) throw new Error("boom");
      },
      5,
      (e) => errors.push(e),
    );
    loop.start();
    await new Promise((r) => setTimeout(r, 40));
    await loop.stop();
    expect(errors).toHaveLength(1);
    expect(passes).toBeGreaterThan(1);
  });
});
