import { describe, expect, it } from "vitest";
import { visibilityInWords } from "./outbox-state.tsx";

describe("a sent reply's visibility, in words", () => {
  it("says what TikTok did with a reply it never showed, so the agent can rephrase it", () => {
    expect(visibilityInWords({ platform: "tiktok", visibilityCheck: "not_visible", platformState: "hidden" })).toBe(
      "sent but not visible: TikTok says hidden. Rephrase it and send again.",
    );
    expect(visibilityInWords({ platform: "tiktok", visibilityCheck: "not_visible", platformState: "not_public" })).toContain("never shown public");
    expect(visibilityInWords({ platform: "tiktok", visibilityCheck: "not_visible", platformState: "friends_only" })).toContain("shown to friends only");
  });

  it("says checking while it waits, public once seen, and nothing where replies are not followed", () => {
    expect(visibilityInWords({ platform: "tiktok", visibilityCheck: "pending", platformState: null })).toBe("checking it is public…");
    expect(visibilityInWords({ platform: "tiktok", visibilityCheck: "visible", platformState: null })).toBe("public");
    expect(visibilityInWords({ platform: "instagram", visibilityCheck: null, platformState: null })).toBeNull();
  });
});
