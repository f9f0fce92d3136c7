import { OAUTH_OUTCOMES, type AccountChannel, type OAuthOutcome } from "@surgedesk/shared";
import { PLATFORM_NAMES } from "./names.ts";

/** How a "Connect" round trip ended, from the query the API's callback redirected back with. */
export interface OAuthResult {
  outcome: OAuthOutcome;
  channel: AccountChannel;
  accountId: string | undefined;
}

export function readOAuthResult(search: Record<string, unknown>): OAuthResult | null {
  const outcome = OAUTH_OUTCOMES.find((o) => o === search["oauth"]);
  const channel = Object.keys(PLATFORM_NAMES).find((c) => c === search["channel"]) as AccountChannel | undefined;
  if (!outcome || !channel) return null;
  return { outcome, channel, accountId: typeof search["account"] === "string" ? search["account"] : undefined };
}

/**
 * The outcome in words, with what to do next. Nothing a link can carry reaches the page as text:
 * the URL names an outcome, and the words are these.
 */
export function oauthOutcomeInWords(result: OAuthResult, accountName?: string): { tone: "success" | "error"; text: string } {
  const platform = PLATFORM_NAMES[result.channel];
  const again = `Nothing was connected: start again with "Connect ${platform}".`;
  switch (result.outcome) {
    case "connected":
      return { tone: "success", text: `Connected ${platform}${accountName ? ` ${accountName}` : ""}. Its comments and messages will arrive in the inbox within a minute or two.` };
    case "denied":
      return { tone: "error", text: `${platform} was not connected: the permission was declined on ${platform}'s page.` };
    case "state_unknown":
      return { tone: "error", text: `That return from ${platform} does not match a connection started here (the link may have been changed). ${again}` };
    case "state_expired":
      return { tone: "error", text: `The connection to ${platform} took more than 10 minutes and expired. ${again}` };
    case "state_used":
      return { tone: "error", text: `That connection link to ${platform} was already used once and cannot be used again. If the account is not listed below, start again.` };
    case "state_other_user":
      return { tone: "error", text: `That connection to ${platform} was started by another user, so only they can finish it. Nothing was connected.` };
    case "code_missing":
      return { tone: "error", text: `${platform} sent no authorization back. ${again}` };
    case "code_invalid":
      return { tone: "error", text: `${platform} did not accept the authorization: it was already used or has expired. ${again}` };
    case "platform_refused":
      return { tone: "error", text: `${platform} refused to connect the account (the app's settings or permissions there). Nothing was connected; the server log has ${platform}'s answer.` };
    case "platform_unavailable":
      return { tone: "error", text: `${platform} could not be reached. Nothing was connected: try again in a moment.` };
    case "owned_elsewhere":
      return { tone: "error", text: `This ${platform} account is connected to another Surgedesk workspace: disconnect it there first. Nothing changed here.` };
    case "not_configured":
      return { tone: "error", text: `Connecting ${platform} is not set up on this server. Connect it with a token below instead.` };
    case "signed_out":
      return { tone: "error", text: `Your session ended while you were on ${platform}'s page. You are signed in again now: start again with "Connect ${platform}".` };
  }
}
