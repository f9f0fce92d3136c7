import type { AccountChannel, UserRole } from "@surgedesk/shared";

export { ROLE_NAMES } from "../../lib/format.ts";
import { ROLE_NAMES } from "../../lib/format.ts";

/** What each role may do, for the role pickers. */
export const ROLE_HINTS: Record<UserRole, string> = {
  admin: "everything, including users, tokens, accounts and settings",
  agent: "triages and replies",
  viewer: "reads only",
};

/** The platform products by the names their owners use. */
export const PLATFORM_NAMES: Record<AccountChannel, string> = {
  instagram: "Instagram",
  tiktok_business: "TikTok Business",
  tiktok_shop: "TikTok Shop",
};

/** A platform key the API may add later still shows as something readable. */
export function platformName(channel: string): string {
  return PLATFORM_NAMES[channel as AccountChannel] ?? channel.replace(/_/g, " ");
}

export function roleName(role: string): string {
  return ROLE_NAMES[role as UserRole] ?? role;
}

/** "@glowbar.co"; a shop's display name ("Glowbar TikTok Shop") is not an @-handle and stays as it is. */
export function handleInWords(handle: string): string {
  return /\s/.test(handle) ? handle : `@${handle}`;
}
