import type { MessageStatus, UserRole } from "@surgedesk/shared";

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });

/** "3 min ago", "yesterday": how old a message is matters more in triage than its clock time. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, "second");
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
  return relative.format(Math.round(seconds / 86_400), "day");
}

export const PLATFORM_NAMES = { instagram: "Instagram", tiktok: "TikTok" } as const;

/** A message's status as people say it. */
export const STATUS_NAMES: Record<MessageStatus, string> = { open: "Open", pending: "Pending", snoozed: "Snoozed", closed: "Closed" };

/** "1 message", "3 messages": a count with its noun in the right number (English plural rules). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString()} ${new Intl.PluralRules("en").select(count) === "one" ? singular : plural}`;
}

/** Who wrote a message, as an agent reads it: the handle, else a plain description (never a platform id). */
export function authorName(message: { authorHandle: string | null; direction?: string }): string {
  if (message.direction === "outbound") return "Brand";
  return message.authorHandle ? `@${message.authorHandle}` : "A customer without a public handle";
}

/** How people read a role on screen. */
export const ROLE_NAMES: Record<UserRole, string> = { admin: "Admin", agent: "Agent", viewer: "Viewer" };
