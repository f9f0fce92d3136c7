import { PlatformApiError } from "../connectors/contract.ts";

/** Why a shop could not answer, in words. */
export function couldNotAsk(name: string, error: unknown): string {
  if (!(error instanceof PlatformApiError)) return `${name} could not be asked (an unexpected error).`;
  switch (error.kind) {
    case "rate_limited":
      return `${name} is busy (it is throttling requests): try again in a minute.`;
    case "token_expired":
      return `${name} refused Surgedesk's access: reconnect it.`;
    case "transient":
      return `${name} did not answer (${error.message.replace(/^Shopify:?\s*/, "")}): try again shortly.`;
    default:
      return `${name} refused the request (${error.message.replace(/^Shopify:?\s*/, "")}).`;
  }
}

