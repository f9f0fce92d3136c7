import { z } from "zod";
import { PlatformApiError, parseRetryAfter } from "../../connectors/contract.ts";

/** Meta's error envelope: `{ "error": { message, type, code, error_subcode, fbtrace_id } }`. */
export const graphErrorEnvelopeSchema = z.object({
  error: z.object({
    message: z.string().catch("(no message)"),
    type: z.string().optional().catch(undefined),
    code: z.coerce.number().int().optional().catch(undefined),
    error_subcode: z.coerce.number().int().optional().catch(undefined),
    is_transient: z.boolean().optional().catch(undefined),
    fbtrace_id: z.string().optional().catch(undefined),
  }),
});
export type GraphErrorBody = z.infer<typeof graphErrorEnvelopeSchema>["error"];

/**
 * Rate limiting: 4 (app), 17 (user), 32 (page), 613 (custom rate limit), 80002 (Instagram's
 * Business Use Case limit).
 */
export const GRAPH_RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 17, 32, 613, 80002]);
/** 190: the access token expired, was revoked or is invalid; 102: the session is gone. */
export const GRAPH_TOKEN_CODES: ReadonlySet<number> = new Set([190, 102]);
/** 1 (unknown error) and 2 (service unavailable) are Meta's own "try again" codes. */
const GRAPH_TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 2]);

/** Platform text goes into logs and text columns: no control characters (PostgreSQL refuses NUL), bounded. */
function printable(text: string): string {
  let out = "";
  for (const char of text.slice(0, 500)) out += char < " " || char === "\u007f" ? " " : char;
  return out;
}

function readEnvelope(bodyText: string): GraphErrorBody | undefined {
  try {
    const parsed = graphErrorEnvelopeSchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns a failed Graph response into the scheduler's terms. The Graph code decides when there
 * is one (Meta answers rate limits with 400 or 403 as often as 429); otherwise the HTTP status.
 * `fallbackRetryAfterMs` is what the usage header said about regaining access.
 */
export function graphErrorFromResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  fallbackRetryAfterMs?: number,
): PlatformApiError {
  const error = readEnvelope(bodyText);
  const code = error?.code;
  const detail = error
    ? `${printable(error.message)} (code ${code ?? "?"}${error.error_subcode ? `/${error.error_subcode}` : ""}${error.fbtrace_id ? `, trace ${printable(error.fbtrace_id)}` : ""})`
    : `HTTP ${status}`;
  const message = `Instagram Graph API: ${detail}`;
  const platformCode = code ?? status;
  if (status === 429 || (code !== undefined && GRAPH_RATE_LIMIT_CODES.has(code))) {
    const retryAfterMs = parseRetryAfter(headers.get("retry-after")) ?? (fallbackRetryAfterMs || undefined);
    return new PlatformApiError("rate_limited", message, { platformCode, ...(retryAfterMs !== undefined && { retryAfterMs }) });
  }
  if (code !== undefined && GRAPH_TOKEN_CODES.has(code)) return new PlatformApiError("token_expired", message, { platformCode });
  if (status >= 500 || error?.is_transient === true || (code !== undefined && GRAPH_TRANSIENT_CODES.has(code))) {
    return new PlatformApiError("transient", message, { platformCode });
  }
  return new PlatformApiError("rejected", message, { platformCode });
}
