/** The settings area's sections, in menu order; `adminOnly` ones are hidden from everyone else. */
export const SETTINGS_SECTIONS = [
  { to: "/settings/users", title: "Users and roles", blurb: "Add people, change their role, reset a password, disable an account.", adminOnly: true },
  { to: "/settings/tokens", title: "API tokens", blurb: "Tokens for scripts and integrations: create, see when used, revoke.", adminOnly: true },
  { to: "/settings/accounts", title: "Connected accounts", blurb: "Instagram and TikTok accounts, their health, and connecting one with a token.", adminOnly: false },
  { to: "/settings/audit", title: "Audit log", blurb: "Who changed what and when.", adminOnly: true },
  { to: "/settings/ingest", title: "Ingest status", blurb: "Whether incoming messages keep up: waiting, failed, and each account's polling.", adminOnly: false },
  { to: "/settings/rules", title: "Moderation rules", blurb: "Hide, resolve, assign or flag messages as they arrive; dry run first, and test on recent ones.", adminOnly: false },
  { to: "/settings/sla", title: "Response targets", blurb: "When an unanswered message is due soon, and when it is late.", adminOnly: false },
  { to: "/settings/orders", title: "Orders", blurb: "The amount above which a refund needs an admin's approval.", adminOnly: false },
  { to: "/spikes/settings", title: "Campaigns and alerts", blurb: "Campaign posts and the webhook surge alerts go to.", adminOnly: false },
] as const;

export type SettingsPath = (typeof SETTINGS_SECTIONS)[number]["to"];
