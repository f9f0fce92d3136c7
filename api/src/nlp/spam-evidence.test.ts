import { describe, expect, it } from "vitest";
import { spamBoost } from "./spam-evidence.ts";

describe("spamBoost", () => {
  it("adds log-odds for a decisive rule, less for each further one, none for weak ones", () => {
    expect(spamBoost(["follow_bait"], undefined, 6)).toEqual({ logOdds: 5, rules: [] });
    expect(spamBoost(["follow_bait", "giveaway"], undefined, 6).logOdds).toBe(6.5);
    // A WhatsApp number alone is not decisive: buyers give theirs.
    expect(spamBoost(["off_platform_contact"], undefined, 6).logOdds).toBe(0);
  });

  it("weighs the author's repeats (long texts only) and their spam history", () => {
    expect(spamBoost([], { sameTextFromAuthor: 2 }, 8)).toEqual({ logOdds: 2.4, rules: ["spam:repeated_text"] });
    expect(spamBoost([], { sameTextFromAuthor: 9 }, 8).logOdds).toBeCloseTo(3.6);
    expect(spamBoost([], { sameTextFromAuthor: 2 }, 5)).toEqual({ logOdds: 0, rules: [] });
    expect(spamBoost([], { spamFromAuthor: 1 }, 3)).toEqual({ logOdds: 2.5, rules: ["spam:author_history"] });
  });
});
