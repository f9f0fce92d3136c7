import { randomBytes } from "node:crypto";
import { HttpResponse } from "msw";

/** An authorization code an emulated platform handed out: for whom, to which app, used or not. */
export interface IssuedCode {
  code: string;
  /** The emulated account that agreed. */
  accountId: string;
  clientId: string;
  redirectUri: string;
  expiresAt: Date;
  used: boolean;
}

/** The codes one emulated platform issued, by value; each can be traded once, within its life. */
export class IssuedCodes {
  private readonly codes = new Map<string, IssuedCode>();

  constructor(
    private readonly now: () => Date,
    private readonly lifetimeMs = 10 * 60_000,
  ) {}

  issue(input: { accountId: string; clientId: string; redirectUri: string; prefix: string }): IssuedCode {
    const issued: IssuedCode = {
      code: `${input.prefix}${randomBytes(24).toString("base64url")}`,
      accountId: input.accountId,
      clientId: input.clientId,
      redirectUri: input.redirectUri,
      expiresAt: new Date(this.now().getTime() + this.lifetimeMs),
      used: false,
    };
    this.codes.set(issued.code, issued);
    return issued;
  }

  /** The code's fate: traded now (`ok`), or why not. Trading marks it used. */
  redeem(code: string, clientId: string): { ok: true; issued: IssuedCode } | { ok: false; reason: "unknown" | "used" | "expired" } {
    const issued = this.codes.get(code);
    if (!issued || issued.clientId !== clientId) return { ok: false, reason: "unknown" };
    if (issued.used) return { ok: false, reason: "used" };
    if (issued.expiresAt.getTime() <= this.now().getTime()) return { ok: false, reason: "expired" };
    issued.used = true;
    return { ok: true, issued };
  }
}

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The page a platform shows before it hands an app a code: who is signed in, what the app asks
 * for, Allow and Deny. Both are plain links back to the app's redirect URI (no script, no inline
 * style: it is served under Surgedesk's Content-Security-Policy in demo mode).
 */
export function consentPage(input: { platform: string; app: string; account: string; scopes: string[]; allowUrl: string; denyUrl: string }): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(input.platform)} (emulated): allow ${escape(input.app)}?</title></head>
<body>
<main>
<p>Emulated ${escape(input.platform)} — demo and tests only.</p>
<h1>Allow ${escape(input.app)} to manage ${escape(input.account)}?</h1>
<p>It asks for: ${input.scopes.map(escape).join(", ")}.</p>
<p><a id="allow" href="${escape(input.allowUrl)}">Allow</a></p>
<p><a id="deny" href="${escape(input.denyUrl)}">Deny</a></p>
</main>
</body></html>`;
  return new HttpResponse(html, { status: 200, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** A platform's own error page (a bad client id or redirect URI): no way back to the app. */
export function errorPage(platform: string, message: string): Response {
  return new HttpResponse(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(platform)} error</title></head><body><h1>${escape(message)}</h1></body></html>`, {
    status: 400,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

/** The redirect URI with the platform's answer added to its query. */
export function withQuery(redirectUri: string, params: Record<string, string>, fragment = ""): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return `${url.toString()}${fragment}`;
}
