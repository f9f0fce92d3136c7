import { describe, expect, it } from "vitest";
import { auditApiQuery, hasAuditFilters } from "./audit-filters.ts";

describe("the audit log's filters as an API query", () => {
  it("turns days into the user's local midnights, the last day included", () => {
    const query = auditApiQuery({ from: "2026-03-01", to: "2026-03-01" });
    expect(new Date(query.from!).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(query.to!).getTime()).toBe(new Date(2026, 2, 2).getTime());
  });

  it("passes who, what and which object through, and drops unreadable days", () => {
    expect(auditApiQuery({ actor: "system", action: "user.update", type: "user", object: "user_1", from: "someday" })).toEqual({
      actor: "system",
      action: "user.update",
      entityType: "user",
      entityId: "user_1",
    });
    expect(hasAuditFilters({})).toBe(false);
    expect(hasAuditFilters({ actor: "system" })).toBe(true);
  });
});
