import { describe, expect, it } from "vitest";
import { createTypoCorrector, withinOneEdit } from "./typo-corrector.ts";

describe("typo corrector", () => {
  const corrector = createTypoCorrector(
    new Map([
      ["received", 40],
      ["package", 30],
      ["refund", 25],
      ["tracking", 20],
      ["shipping", 15],
    ]),
  );

  it("repairs one insertion, deletion, substitution or swap", () => {
    expect(corrector.correct("recieved")).toBe("received");
    expect(corrector.correct("packge")).toBe("package");
    expect(corrector.correct("refnud")).toBe("refund");
    expect(corrector.correct("trackinng")).toBe("tracking");
    expect(corrector.correct("shippinf")).toBe("shipping");
  });

  it("leaves known, short and distant words alone", () => {
    expect(corrector.correct("package")).toBeNull();
    expect(corrector.correct("pkg")).toBeNull();
    expect(corrector.correct("banana")).toBeNull();
  });

  it("leaves inflections of known words alone, whatever is more frequent one edit away", () => {
    const banking = createTypoCorrector(new Map([["pending", 500], ["send", 20], ["stop", 10]]));
    expect(banking.correct("sending")).toBeNull();
    expect(banking.correct("stopped")).toBeNull();
    expect(banking.correct("pendng")).toBe("pending");
  });

  it("measures one edit exactly", () => {
    expect(withinOneEdit("abcd", "abdc")).toBe(true);
    expect(withinOneEdit("abcd", "badc")).toBe(false);
    expect(withinOneEdit("abc", "abcde")).toBe(false);
  });
});
