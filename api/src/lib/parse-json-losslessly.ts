import { isInteger, isSafeNumber, parse } from "lossless-json";

/**
 * `JSON.parse`, except that an integer too large for a JavaScript number (beyond 2^53, like
 * TikTok's 19-digit comment and video ids sent as JSON numbers) is kept as its exact digits, a
 * string, instead of being rounded. Every other number is an ordinary number. Throws a
 * SyntaxError on text that is not JSON, as `JSON.parse` does.
 */
export function parseJsonLosslessly(text: string): unknown {
  return parse(text, null, (digits) => (isInteger(digits) && !isSafeNumber(digits) ? digits : Number(digits)));
}
