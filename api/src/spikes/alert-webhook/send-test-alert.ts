import type { SpikeNumbers } from "@surgedesk/shared";
import { OutboundRefusedError, type OutboundFetch } from "../../outbound/outbound-fetch.ts";
import { alertMessage } from "./alert-message.ts";
import { ALERT_SIGNATURE_HEADER, signAlertPayload } from "./alert-signature.ts";

const SAMPLE: SpikeNumbers = {
  windowMinutes: 3,
  received: 60,
  ratePerMinute: 20,
  baselinePerMinute: 2,
  ratio: 10,
  surprise: 12,
  issueCount: 33,
  issueShare: 0.55,
  baselineIssueShare: 0.25,
  shareSurprise: 6,
  negativeShare: 0.3,
  escalationsHigh: 2,
  escalationsMedium: 5,
  labels: [
    { label: "order_status", count: 20, expected: 5 },
    { label: "promo_confusion", count: 13, expected: 3 },
  ],
};

/** Sends a clearly marked sample alert now, so an admin can check the receiver and its signature check. */
export async function sendTestAlert(url: string, secret: string, doFetch: OutboundFetch) {
  const body = JSON.stringify(
    alertMessage({ type: "test", severity: "warning", seriesName: "Sample post (test)", numbers: SAMPLE, readiness: [], queueUrl: null, forecast: null }),
  );
  try {
    const response = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [ALERT_SIGNATURE_HEADER]: signAlertPayload(body, secret, new Date()), "X-Surgedesk-Event": "test" },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { delivered: response.status >= 200 && response.status < 300, status: response.status, error: null };
  } catch (error) {
    // A refused target says only that: no status, no connection error that would tell whether
    // something listens there.
    if (error instanceof OutboundRefusedError) return { delivered: false, status: null, error: error.message };
    return { delivered: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}
