import { describe, expect, it } from "vitest";
import { renderMessageContent } from "./message-content.ts";

describe("renderMessageContent", () => {
  it.each([
    ["TEXT", '{"content":"where is my order?"}', "where is my order?"],
    ["TEXT", "not json at all", "not json at all"],
    ["TEXT", '{"text":"unexpected shape"}', '{"text":"unexpected shape"}'],
    ["IMAGE", '{"url":"https://x/y.jpeg","width":"1","height":"1"}', "[image]"],
    ["VIDEO", '{"url":"https://x/v.mp4"}', "[video]"],
    ["EMOTICONS", "{}", "[sticker]"],
    ["ORDER_CARD", '{"order_id":"576893021845237781"}', "[order card 576893021845237781]"],
    ["PRODUCT_CARD", '{"product_id":"1729382256910270001"}', "[product card 1729382256910270001]"],
    ["RETURN_REFUND_CARD", '{"order_id":"576893021845237781","sku_id":"1"}', "[return/refund card for order 576893021845237781]"],
    ["LOGISTICS_CARD", '{"order_id":"576893021845237781","package_id":"2"}', "[logistics card for order 576893021845237781]"],
    ["COUPON_CARD", '{"coupon_id":"7262992004278206762"}', "[coupon card 7262992004278206762]"],
    ["ORDER_CARD", "{}", "[order card]"],
    ["OTHER", '{"content":""}', "[other message]"],
    ["SOMETHING_NEW", "garbage", "[something new message]"],
  ])("renders %s %s as %s", (type, content, expected) => {
    expect(renderMessageContent(type, content)).toBe(expected);
  });
});
