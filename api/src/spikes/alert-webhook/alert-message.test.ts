import { describe, expect, it } from "vitest";
import type { SpikeNumbers } from "@surgedesk/shared";
import { alertMessage } from "./alert-message.ts";

const numbers: SpikeNumbers = {
  windowMinutes: 2,
  received: 40,
  ratePerMinute: 20,
  baselinePerMinute: 4,
  ratio: 5,
  surprise: 9,
  issueCount: 12,
  issueShare: 0.3,
  baselineIssueShare: 0.2,
  shareSurprise: 1,
  negativeShare: 0.1,
  escalationsHigh: 1,
  escalationsMedium: 2,
  labels: [{ label: "order_status", count: 10, expected: 2 }],
};

describe("alert message", () => {
  it("escapes a caption's markup in Slack's text, so a post cannot ping the channel or disguise a link", () => {
    const caption = "<!channel> R&D drop <https://evil.example|track your order> (Instagram reel)";
    const message = alertMessage({ type: "started", severity: "warning", seriesName: caption, numbers, readiness: [], queueUrl: null, forecast: null });
    expect(message.text).toContain("&lt;!channel&gt; R&amp;D drop &lt;https://evil.example|track your order&gt;");
    expect(message.text).not.toMatch(/<!channel>|<https:/);
    // The header block is plain text: Slack shows it as written.
    expect(message.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: `🟠 Surge started (warning): ${caption}` } });
    expect(JSON.stringify(message.blocks.slice(1))).not.toContain("<!channel>");
  });

  it("says what surged: the rate now as the console shows it, the window tested, the labels driving it", () => {
    const message = alertMessage({
      type: "started",
      severity: "critical",
      seriesName: "Glow serum (TikTok video)",
      platform: "tiktok",
      numbers,
      current: { ratePerMinute: 18.4, atRisk: 7 },
      readiness: [],
      queueUrl: "https://desk.example/inbox?postId=p1",
      forecast: null,
    });
    expect(message.text).toMatch(/^🔴 Surge started \(critical\): Glow serum \(TikTok video\)\n/);
    expect(message.text).toContain("now 18.4 messages/min over the last 5 complete minutes (usual 4.0/min)");
    expect(message.text).toContain("7 at risk (open, medium or high escalation risk)");
    expect(message.text).toContain("40 messages in the 2.0 min tested, 5.0× the usual 4.0/min");
    expect(message.text).toContain("driven by: Order status 10 (expected 2)");
    expect(message.text).toMatch(/\nQueue: https:\/\/desk\.example\/inbox\?postId=p1$/);
  });

  it("names the platform of a post whose name does not", () => {
    const message = alertMessage({ type: "started", severity: "warning", seriesName: "Untitled campaign post", platform: "instagram", numbers, readiness: [], queueUrl: null, forecast: null });
    expect(message.text).toMatch(/^🟠 Surge started \(warning\): Untitled campaign post on Instagram\n/);
  });

  it("keeps the header within Slack's 150 characters without cutting an emoji in half", () => {
    const seriesName = `${"✨🔥".repeat(80)} (TikTok video)`;
    const message = alertMessage({ type: "started", severity: "warning", seriesName, numbers, readiness: [], queueUrl: null, forecast: null });
    const header = (message.blocks[0] as { text: { text: string } }).text.text;
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header.endsWith("…")).toBe(true);
    expect(header).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
