import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvObjects } from "./csv.ts";

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, commas and newlines inside fields, and CRLF", () => {
    expect(parseCsv('text,label\r\n"hi, ""you""\nthere",praise\r\nplain,other\n')).toEqual([
      ["text", "label"],
      ['hi, "you"\nthere', "praise"],
      ["plain", "other"],
    ]);
  });

  it("maps rows to the header", () => {
    expect(parseCsvObjects("\uFEFFtext,n\nabc,1")).toEqual([{ text: "abc", n: "1" }]);
  });
});
