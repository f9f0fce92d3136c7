import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.ts";

const entitiesOf = (text: string) => extractEntities(text).entities;

describe("extractEntities", () => {
  it("reads Shopify order names in either form, normalised to #1234", () => {
    expect(entitiesOf("where is my order #1234 it's been 3 weeks!!!").orderNumbers).toEqual(["#1234"]);
    expect(entitiesOf("Order number: 5567 never shipped").orderNumbers).toEqual(["#5567"]);
    expect(entitiesOf("mi pedido #SH1042 no llega").orderNumbers).toEqual(["#SH1042"]);
  });

  it("does not read hashtags or short numbers as orders", () => {
    expect(entitiesOf("#fyp #2024goals order 3 weeks ago top #1").orderNumbers).toEqual([]);
  });

  it("reads TikTok Shop order ids and leaves 16-digit card numbers alone", () => {
    const found = entitiesOf("tiktok order 576461413038785752 charged to 4111111111111111");
    expect(found.tiktokOrderIds).toEqual(["576461413038785752"]);
    expect(found.orderNumbers).toEqual([]);
  });

  it("reads carrier tracking formats and anything labelled tracking", () => {
    const found = entitiesOf(
      "USPS 9400 1118 9922 3344 5566 77, UPS 1Z999AA10123456784, LX123456789CN and tracking number: JD0142857AB",
    );
    expect(found.trackingNumbers).toEqual(["9400111899223344556677", "1Z999AA10123456784", "LX123456789CN", "JD0142857AB"]);
    expect(found.phones).toEqual([]);
  });

  it("reads promo and creator codes but not the word after 'code' in prose", () => {
    expect(entitiesOf("code SARAH20 not working!! the code didn't work").promoCodes).toEqual(["SARAH20"]);
    expect(entitiesOf("el código maria10 no funciona").promoCodes).toEqual(["MARIA10"]);
    expect(entitiesOf("creator code: ANNA").promoCodes).toEqual(["ANNA"]);
    expect(entitiesOf("your code is invalid and the promo sucks").promoCodes).toEqual([]);
  });

  it("reads emails, phones and links, without reading the email's domain as a link", () => {
    const found = entitiesOf(
      "mail maria.lopez+shop@gmail.com, call (555) 123-4567 or +52 55 1234 5678; see bit.ly/x7Yz and https://fake-shop.top/deal?id=1.",
    );
    expect(found.emails).toEqual(["maria.lopez+shop@gmail.com"]);
    expect(found.phones).toEqual(["(555) 123-4567", "+52 55 1234 5678"]);
    expect(found.urls).toEqual(["https://fake-shop.top/deal?id=1", "bit.ly/x7yz"]);
  });

  it("masks each entity with one placeholder word and keeps its context words", () => {
    expect(extractEntities("order 5678 and code GLOW15").masked).toBe("order  __ordernum  and code  __promocode ");
  });

  it("stays linear on long adversarial input", () => {
    const text = "order #".repeat(500) + "1".repeat(2000) + " code ".repeat(300);
    const started = performance.now();
    extractEntities(text);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
