import { describe, expect, it } from "vitest";
import { readFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { parseGraphUsage, suggestedSlowDownMs } from "./business-usage.ts";

const headers = (values: Record<string, string>) => new Headers(values);

describe("parseGraphUsage", () => {
  it("reads X-Business-Use-Case-Usage as the highest share of the hour's budget", () => {
    const usage = parseGraphUsage(headers({ "x-business-use-case-usage": JSON.stringify(JSON.parse(readFixture("instagram/graph/business-use-case-usage.json"))) }));
    expect(usage).toEqual({ percent: 86, regainAccessMs: 0 });
    expect(suggestedSlowDownMs(usage)).toBe(60_000);
  });

  it("takes the worst of several businesses and of X-App-Usage", () => {
    const usage = parseGraphUsage(
      headers({
        "x-business-use-case-usage": JSON.stringify({
          "1": [{ type: "instagram", call_count: 10, total_cputime: 5, total_time: 5, estimated_time_to_regain_access: 0 }],
          "2": [{ type: "instagram", call_count: 30, total_cputime: 96, total_time: 5, estimated_time_to_regain_access: 0 }],
        }),
        "x-app-usage": '{"call_count":50,"total_cputime":1,"total_time":1}',
      }),
    );
    expect(usage).toEqual({ percent: 96, regainAccessMs: 0 });
    expect(suggestedSlowDownMs(usage)).toBe(5 * 60_000);
  });

  it("waits as long as Meta says when it names a time to regain access", () => {
    const usage = parseGraphUsage(
      headers({ "x-business-use-case-usage": '{"1":[{"type":"instagram","call_count":100,"estimated_time_to_regain_access":12}]}' }),
    );
    expect(suggestedSlowDownMs(usage)).toBe(12 * 60_000);
  });

  it("does not slow down below 80%", () => {
    expect(suggestedSlowDownMs(parseGraphUsage(headers({ "x-app-usage": '{"call_count":79}' })))).toBeUndefined();
  });

  it.each(["", "not json", "[]", '{"1":"x"}', '{"1":[{"call_count":"lots"}]}', "null"])("ignores a malformed header %j", (value) => {
    const usage = parseGraphUsage(headers({ "x-business-use-case-usage": value }));
    expect(suggestedSlowDownMs(usage)).toBeUndefined();
  });
});
