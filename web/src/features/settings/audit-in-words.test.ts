import { describe, expect, it } from "vitest";
import { actionInWords, changeInWords, changedFields, ID_FIELDS_BEHIND_DISCLOSURE, objectInWords } from "./audit-in-words.ts";

const lines = (entry: { before: unknown; after: unknown }) => changedFields(entry).map(changeInWords);

describe("audit entries in words", () => {
  it("lists only the fields an update changed, roles by name", () => {
    expect(
      lines({ before: { name: "Kim Lee", role: "agent" }, after: { name: "Kim Lee", role: "viewer", passwordChanged: false } }),
    ).toEqual(["Role: Agent → Viewer"]);
  });

  it("says a password changed without any value", () => {
    expect(lines({ before: { name: "Kim", role: "agent" }, after: { name: "Kim", role: "agent", passwordChanged: true } })).toEqual(["Password changed"]);
  });

  it("lists what a creation set, and says yes/no and hours for flags and minutes", () => {
    expect(lines({ before: null, after: { email: "kim@example.com", name: "Kim", role: "admin" } })).toEqual([
      "Email: kim@example.com",
      "Name: Kim",
      "Role: Admin",
    ]);
    expect(lines({ before: { disabled: false }, after: { disabled: true } })).toEqual(["Disabled: no → yes"]);
    expect(lines({ before: { warningMinutes: 720, breachMinutes: 1440 }, after: { warningMinutes: 90, breachMinutes: 1440 } })).toEqual([
      "Warning after: 12 h → 1 h 30 min",
    ]);
  });

  it("names platforms and account states, never their keys", () => {
    expect(lines({ before: null, after: { channel: "tiktok_shop", status: "needs_attention", hasAccessToken: true } })).toEqual([
      "Platform: TikTok Shop",
      "Status: needs attention",
      "Has an access token: yes",
    ]);
  });

  it("shows nothing for an entry with neither side, and what a deletion removed", () => {
    expect(lines({ before: null, after: null })).toEqual([]);
    expect(lines({ before: { title: "Refund" }, after: null })).toEqual(["Title was Refund"]);
  });

  it("reads actions, and unknown ones as words rather than keys", () => {
    expect(actionInWords("user.disable")).toBe("disabled user");
    expect(actionInWords("token.revoke")).toBe("revoked API token");
    expect(actionInWords("widget.spin_up")).toBe("widget spin up");
  });

  it("names the object from what the page knows, then from the entry, then by its kind", () => {
    const names = new Map([["user_1", "Kim Lee"]]);
    expect(objectInWords({ action: "user.disable", entityType: "user", entityId: "user_1", before: null, after: null }, names)).toBe("Kim Lee");
    expect(objectInWords({ action: "token.create", entityType: "api_token", entityId: "tok_9", before: null, after: { name: "Order sync" } }, names)).toBe(
      "Order sync",
    );
    expect(objectInWords({ action: "token.revoke", entityType: "api_token", entityId: "tok_8", before: null, after: null }, names)).toBe("an API token");
    expect(objectInWords({ action: "sla.update", entityType: "workspace", entityId: "ws_1", before: null, after: null }, names)).toBe("the workspace");
  });
});

describe("ids inside an entry", () => {
  it("names the user a token acts as instead of showing their id", () => {
    const names = new Map([["user_7", "Avery Admin"]]);
    expect(changedFields({ before: null, after: { name: "Order sync", userId: "user_7", expiresAt: null } }, names).map(changeInWords)).toEqual([
      "Name: Order sync",
      "Acts as user: Avery Admin",
      "Expires: none",
    ]);
    expect(changedFields({ before: null, after: { userId: "user_gone" } }).map(changeInWords)).toEqual(["Acts as user: someone no longer listed"]);
  });

  it("keeps a shop's display name as it is and puts @ before a handle", () => {
    expect(changedFields({ before: null, after: { handle: "Glowbar TikTok Shop" } }).map(changeInWords)).toEqual(["Handle: Glowbar TikTok Shop"]);
    expect(changedFields({ before: null, after: { handle: "glowbar.co" } }).map(changeInWords)).toEqual(["Handle: @glowbar.co"]);
  });

  it("words a moderation rule's entry: the rule by name, its action in words, its id behind the disclosure", () => {
    const changes = changedFields({ before: null, after: { action: { type: "hide" }, ruleId: "rule_IURLRu4b", ruleName: "Scam links" } });
    expect(changes.map(changeInWords)).toEqual(["Action: hide", "Rule id: rule_IURLRu4b", "Rule: Scam links"]);
    expect(changes.filter((change) => ID_FIELDS_BEHIND_DISCLOSURE.has(change.field)).map((change) => change.field)).toEqual(["Rule id"]);
    expect(changedFields({ before: null, after: { action: { type: "set_priority", level: "high" } } }).map(changeInWords)).toEqual(["Action: set priority to high"]);
  });
});
