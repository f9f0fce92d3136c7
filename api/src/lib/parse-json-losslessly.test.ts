import { describe, expect, it } from "vitest";
import { parseJsonLosslessly } from "./parse-json-losslessly.ts";

describe("parseJsonLosslessly", () => {
  it("keeps integers beyond 2^53 exact, as digits, where JSON.parse rounds them", () => {
    const text = '{"comment_id":7412345678901234567,"video_id":7412345678901234001,"likes":12,"ratio":0.5}';
    expect((JSON.parse(text) as { comment_id: number }).comment_id.toString()).not.toBe("7412345678901234567");
    expect(parseJsonLosslessly(text)).toEqual({ comment_id: "7412345678901234567", video_id: "7412345678901234001", likes: 12, ratio: 0.5 });
  });

  it("reads safe integers, negatives and nested arrays as numbers", () => {
    expect(parseJsonLosslessly('[9007199254740991,-3,{"a":[1,2.25]}]')).toEqual([9007199254740991, -3, { a: [1, 2.25] }]);
    expect(parseJsonLosslessly("9007199254740993")).toBe("9007199254740993");
  });

  it("refuses text that is not JSON", () => {
    expect(() => parseJsonLosslessly('{"comment_id": 74123,')).toThrow(SyntaxError);
  });
});
