import type { ConnectedAccountView } from "@surgedesk/shared";
import { exactTime, relativeTime } from "./time-words.ts";

export type HealthTone = "ok" | "warning" | "problem";

export interface AccountHealth {
  tone: HealthTone;
  /** One line: "Connected", "Needs attention: …", "Disconnected". */
  summary: string;
  /** Further lines worth reading: throttling, the token's expiry, the last error. */
  details: string[];
}

type HealthInput = Pick<ConnectedAccountView, "status" | "attentionReason" | "throttledUntil" | "lastError"> &
  Partial<Pick<ConnectedAccountView, "hasAccessToken" | "tokenExpiresAt" | "tokenRefreshable" | "tokenRefreshedAt" | "lastWebhookAt" | "lastPolledAt">>;

/** Tokens that end within this long are worth a warning: reconnecting takes a person. */
const EXPIRY_WARNING_MS = 7 * 24 * 60 * 60 * 1000;

/** An account's state as an operator reads it, from what the API reports. */
export function accountHealth(account: HealthInput, now: number = Date.now()): AccountHealth {
  const details: string[] = [];
  let tone: HealthTone = "ok";
  let summary = "Connected";
  if (account.status === "needs_attention") {
    tone = "problem";
    summary = account.attentionReason ? `Needs attention: ${account.attentionReason}` : "Needs attention";
  } else if (account.status === "disconnected") {
    tone = "problem";
    summary = "Disconnected: connect it again with a fresh token";
  } else if (account.hasAccessToken === false) {
    tone = "warning";
    summary = "Connected without an access token: replies and polling need one";
  }
  if (account.throttledUntil && new Date(account.throttledUntil).getTime() > now) {
    if (tone === "ok") tone = "warning";
    details.push(`Throttled by the platform until ${exactTime(account.throttledUntil)} (${relativeTime(account.throttledUntil, now)})`);
  }
  if (account.tokenExpiresAt) {
    const left = new Date(account.tokenExpiresAt).getTime() - now;
    if (left <= 0) {
      tone = "problem";
      details.push(`Token expired ${relativeTime(account.tokenExpiresAt, now)} (${exactTime(account.tokenExpiresAt)}): reconnect with a fresh token`);
    } else if (account.tokenRefreshable) {
      // Renewed by Surgedesk before it ends: a short life is normal (TikTok's last a day).
      details.push(`Token expires ${relativeTime(account.tokenExpiresAt, now)} (${exactTime(account.tokenExpiresAt)}) and is renewed automatically before then`);
    } else {
      if (left < EXPIRY_WARNING_MS && tone === "ok") tone = "warning";
      details.push(`Token expires ${relativeTime(account.tokenExpiresAt, now)} (${exactTime(account.tokenExpiresAt)})`);
    }
  }
  if (account.tokenRefreshedAt) details.push(`Token last renewed ${relativeTime(account.tokenRefreshedAt, now)}`);
  if (account.lastWebhookAt !== undefined) {
    details.push(account.lastWebhookAt ? `Last webhook received ${relativeTime(account.lastWebhookAt, now)} (${exactTime(account.lastWebhookAt)})` : "No webhook received yet");
  }
  if (account.lastPolledAt !== undefined) {
    details.push(account.lastPolledAt ? `Last polled ${relativeTime(account.lastPolledAt, now)} (${exactTime(account.lastPolledAt)})` : "Not polled yet");
  }
  if (account.lastError) details.push(`Last error: ${account.lastError}`);
  return { tone, summary, details };
}
