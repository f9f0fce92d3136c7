import { describe, expect, it } from "vitest";
import { detectSpamSignals } from "./spam-signals.ts";

describe("detectSpamSignals", () => {
  const cases: [string, string][] = [
    ["DM me to learn how I earn $500 a day from home 💸", "dm_to_earn"],
    ["I made $4,200 weekly with bitcoin trading, my mentor @fx_anna got me 300% returns", "crypto_pitch"],
    ["Congratulations! You've been selected for our giveaway, claim your prize now", "giveaway"],
    ["GIVEAWAY 🎁 winners announced, DM @prizes.desk to claim", "giveaway"],
    ["@glowbar.support.official please DM us to verify your order and pay the fee", "impersonation"],
    ["message me on whatsapp +1 555 201 3344 for wholesale", "off_platform_contact"],
    ["check out my channel for makeup tutorials!! sub4sub", "follow_bait"],
    ["PLEASE SUBSCRIBE MY CHANNEL PLZZ", "follow_bait"],
    ["You are a winner! ur awarded a £1000 cash prize", "giveaway"],
    ["txt WIN to 87066 now for your free entry", "text_to_claim"],
  ];
  it.each(cases)("%s → %s", (text, signal) => {
    expect(detectSpamSignals(text)).toContain(signal);
  });

  it("leaves customers' own questions alone", () => {
    for (const text of [
      "where is my order #1234, I paid $45 two weeks ago",
      "can I DM you my order number?",
      "the creator code didn't work, I was charged full price",
      "does this come in a bigger size",
      "do a giveaway! 🙏",
    ]) {
      expect([text, detectSpamSignals(text)]).toEqual([text, []]);
    }
  });

  it("stays fast on hostile input", () => {
    const started = performance.now();
    detectSpamSignals(`whatsapp ${"1 ".repeat(2000)}`);
    detectSpamSignals(`@${"support".repeat(500)} ${"dm ".repeat(500)}`);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
