import { describe, expect, it } from "vitest";
import { fuzzyFilter, fuzzyScore } from "./fuzzy-match.ts";

describe("fuzzy search (macros, tags, teammates)", () => {
  it("matches a subsequence, and nothing that lacks a character", () => {
    expect(fuzzyScore("wsm", "WISMO: where is my order")).not.toBeNull();
    expect(fuzzyScore("refund", "Return intake")).toBeNull();
  });

  it("ignores case and accents", () => {
    expect(fuzzyScore("envio", "Retraso de envío")).not.toBeNull();
    expect(fuzzyScore("ENVÍO", "retraso de envio")).not.toBeNull();
  });

  it("ranks a name match above a text match, and word starts above scattered letters", () => {
    const macros = [
      { title: "Payment issue", body: "Sorry about the shipping delay on your payment" },
      { title: "Shipping delay", body: "Your order is on its way" },
      { title: "Damaged item", body: "Please send a photo" },
    ];
    const found = fuzzyFilter(macros, "ship del", (m) => m.title, (m) => m.body);
    expect(found.map((m) => m.title)).toEqual(["Shipping delay", "Payment issue"]);
  });

  it("an empty query keeps every item in its order", () => {
    expect(fuzzyFilter(["b", "a"], "  ", (x) => x, (x) => x)).toEqual(["b", "a"]);
  });

  it("ranks a name's start, then a word's start, then letters inside a word", () => {
    const names = ["Partnership", "Wholesale", "Shipping delay", "Free shipping"];
    expect(fuzzyFilter(names, "ship", (n) => n)).toEqual(["Shipping delay", "Free shipping", "Partnership"]);
    expect(fuzzyFilter(names, "dl", (n) => n)).toEqual(["Shipping delay"]);
    expect(fuzzyFilter(["VIP buyer", "Bulk buy"], "vb", (n) => n)).toEqual(["VIP buyer"]);
  });
});
