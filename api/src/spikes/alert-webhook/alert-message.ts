import { CURRENT_RATE_MINUTES, LABEL_INFO, type CurrentLoad, type Platform, type SpikeNumbers, type SpikeReadiness, type SpikeSeverity } from "@surgedesk/shared";
import { shorten } from "../../lib/shorten.ts";

/** Slack refuses a header block longer than this. */
const SLACK_HEADER_MAX = 150;

export interface AlertMessageInput {
  type: "started" | "escalated" | "resolved" | "test";
  severity: SpikeSeverity;
  seriesName: string;
  /** The post's (or series') platform: a post's alert names it, being the surge's only alert. */
  platform?: Platform | null;
  numbers: SpikeNumbers;
  /** The series' load as the spikes page shows it (queries/current-load.ts), when known. */
  current?: CurrentLoad | null;
  readiness: SpikeReadiness[];
  /** The console's link to the post's queue, when known. */
  queueUrl: string | null;
  forecast: string | null;
}

const HEADLINE: Record<AlertMessageInput["type"], string> = {
  started: "Surge started",
  escalated: "Surge escalated",
  resolved: "Surge resolved",
  test: "Test alert",
};

const pct = (share: number) => `${Math.round(share * 100)}%`;
const PLATFORM_NAMES: Record<Platform, string> = { instagram: "Instagram", tiktok: "TikTok" };

/**
 * Slack reads `&`, `<` and `>` in message text as markup (`<!channel>` pings everyone,
 * `<url|label>` disguises a link); a post's caption is the internet's text, so they are escaped
 * wherever text is read as markup. Plain-text blocks show text as it is.
 */
const escapeMarkup = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/**
 * The alert as Slack-compatible JSON: `text` for notifications and plain receivers, `blocks` for
 * Slack's layout. Customer text never goes out, only counts and labels.
 */
export function alertMessage(input: AlertMessageInput): { text: string; blocks: unknown[] } {
  const n = input.numbers;
  const icon = input.type === "resolved" ? "✅" : input.severity === "critical" ? "🔴" : "🟠";
  const platform = input.platform && !input.seriesName.includes(PLATFORM_NAMES[input.platform]) ? ` on ${PLATFORM_NAMES[input.platform]}` : "";
  const headline = `${icon} ${HEADLINE[input.type]}${input.type === "resolved" ? "" : ` (${input.severity})`}: ${input.seriesName}${platform}`;
  const labels = n.labels.map((l) => `${LABEL_INFO[l.label].title} ${l.count} (expected ${Math.round(l.expected)})`).join(", ");
  // "Now" as the spikes page defines it, so the message and the console show the same figures.
  const now = input.current
    ? [
        `now ${input.current.ratePerMinute.toFixed(1)} messages/min over the last ${CURRENT_RATE_MINUTES} complete minutes (usual ${n.baselinePerMinute.toFixed(1)}/min)`,
        `${input.current.atRisk} at risk (open, medium or high escalation risk)`,
      ]
    : [];
  const facts = [
    ...now,
    `${n.received} messages in the ${n.windowMinutes.toFixed(1)} min tested, ${n.ratio.toFixed(1)}× the usual ${n.baselinePerMinute.toFixed(1)}/min`,
    `issue share ${pct(n.issueShare)} (usual ${pct(n.baselineIssueShare)}), negative ${pct(n.negativeShare)}`,
    ...(labels ? [`driven by: ${labels}`] : []),
  ];
  const missing = input.readiness.filter((r) => !r.ready);
  const readiness = missing.map((r) => `no macro for ${LABEL_INFO[r.label].title}${r.suggestion ? ` — add "${r.suggestion}"` : ""}`);
  const lines = [...facts, ...readiness, ...(input.forecast ? [input.forecast] : [])];
  const text = `${escapeMarkup(headline)}\n${lines.map((l) => `• ${l}`).join("\n")}${input.queueUrl ? `\nQueue: ${input.queueUrl}` : ""}`;
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: shorten(headline, SLACK_HEADER_MAX) } },
    { type: "section", text: { type: "mrkdwn", text: facts.map((l) => `• ${l}`).join("\n") } },
  ];
  if (readiness.length > 0) blocks.push({ type: "section", text: { type: "mrkdwn", text: `⚠️ ${readiness.join("\n⚠️ ")}` } });
  if (input.forecast) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: input.forecast }] });
  if (input.queueUrl) {
    blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open the queue" }, url: input.queueUrl }] });
  }
  return { text, blocks };
}
