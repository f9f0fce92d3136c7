import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

const lang = (text: string) => detectLanguage(text.toLowerCase().split(/\s+/), text).language;

describe("detectLanguage", () => {
  it("detects Spanish", () => {
    expect(lang("dónde está mi pedido, ya van tres semanas")).toBe("es");
    expect(lang("no me ha llegado nada")).toBe("es");
  });

  it("detects English", () => {
    expect(lang("where is my order it has been three weeks")).toBe("en");
  });

  it("goes with the majority in mixed text", () => {
    expect(lang("mi order no ha llegado todavia")).toBe("es");
  });

  it("says und when nothing is language", () => {
    expect(lang("emolove 1234")).toBe("und");
    expect(lang("")).toBe("und");
  });
});
