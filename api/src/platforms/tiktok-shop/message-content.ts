/**
 * What a message says, as text an agent can read in the inbox. TEXT is the buyer's words; a
 * card, an image or a video becomes a short bracketed description that keeps the ids an agent
 * (or the entity extractor) needs, e.g. "[order card 576893021845237781]".
 */
export function renderMessageContent(type: string, content: string): string {
  const fields = readContent(content);
  const field = (name: string): string | null => {
    const value = fields?.[name];
    return typeof value === "string" || typeof value === "number" ? String(value) : null;
  };
  const withId = (label: string, id: string | null) => (id ? `[${label} ${id}]` : `[${label}]`);

  switch (type) {
    case "TEXT":
      // A content string that is not the documented `{"content": …}` is shown as it came.
      return field("content") ?? content;
    case "IMAGE":
      return "[image]";
    case "VIDEO":
      return "[video]";
    case "EMOTICONS":
      return "[sticker]";
    case "PRODUCT_CARD":
      return withId("product card", field("product_id"));
    case "ORDER_CARD":
      return withId("order card", field("order_id"));
    case "RETURN_REFUND_CARD":
      return withId("return/refund card for order", field("order_id"));
    case "LOGISTICS_CARD":
      return withId("logistics card for order", field("order_id"));
    case "COUPON_CARD":
      return withId("coupon card", field("coupon_id"));
    default:
      return `[${type.toLowerCase().replaceAll("_", " ")} message]`;
  }
}

function readContent(content: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
