import type { ZodType } from "zod";
import { describeZodIssues } from "../lib/describe-zod-issues.ts";

export type WebhookBodyParse<T> =
  | { ok: true; value: T }
  | { ok: false; code: "invalid_json" | "validation_failed"; message: string };

/**
 * Reads a verified webhook body as JSON and checks it against the platform's schema, saying
 * what is wrong when it does not fit. Webhook routes and the ingest worker share it, so what
 * a route accepts is what the worker can read. `parseJson` replaces `JSON.parse` where numbers
 * must be read exactly (see lib/parse-json-losslessly.ts).
 */
export function parseWebhookBody<T>(body: string, schema: ZodType<T>, what: string, parseJson: (text: string) => unknown = JSON.parse): WebhookBodyParse<T> {
  let json: unknown;
  try {
    json = parseJson(body);
  } catch {
    return { ok: false, code: "invalid_json", message: "Request body is not valid JSON." };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, code: "validation_failed", message: `Not ${what}: ${describeZodIssues(parsed.error.issues)}` };
}
