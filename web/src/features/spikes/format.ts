import { formatDuration } from "@surgedesk/shared";

export const percent = (share: number) => `${Math.round(share * 100)}%`;

export function responseTime(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  return formatDuration(seconds / 60);
}

export const WINDOWS = [
  { minutes: 60, title: "1 h" },
  { minutes: 360, title: "6 h" },
  { minutes: 1440, title: "24 h" },
  { minutes: 10080, title: "7 d" },
] as const;
