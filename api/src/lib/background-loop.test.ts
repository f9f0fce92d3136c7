import { afterEach, describe, expect, it, vi } from "vitest";
import { createBackgroundLoop, restBeforeNextPass } from "./background-loop.ts";

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

  describe("while its passes keep failing (the database is unreachable)", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("rests longer after each failure, up to the cap, and resumes its interval after a success", () => {
      const rests = [0, 1, 2, 3, 4, 5, 10].map((failures) => restBeforeNextPass(failures, 1000, { maxBackoffMs: 30_000, random: () => 1 }));
      expect(rests).toEqual([1000, 2000, 3000, 5000, 9000, 17_000, 30_000]);
    });

    it("does not spin: notifications do not cut a backoff short", async () => {
      vi.useFakeTimers();
      let passes = 0;
      const loop = createBackgroundLoop(
        async () => {
          passes += 1;
          throw new Error("connection refused");
        },
        100,
        () => {},
        { random: () => 1 },
      );
      loop.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(passes).toBe(1);
      // Rests of 200, 300, 500 and 900 ms: five passes by 1.9 s, where a fixed interval would make 20.
      for (let i = 0; i < 19; i++) {
        loop.notify();
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(passes).toBe(5);
      await loop.stop();
    });
  });
});
