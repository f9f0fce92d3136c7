// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AccountsPage } from "./accounts-page.tsx";

const OWNED_ELSEWHERE = "This account is connected to another workspace.";
let posted: unknown[];
let starts: string[];

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

beforeEach(() => {
  posted = [];
  starts = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      const method = init?.method ?? (input instanceof Request ? input.method : "GET");
      if (url.includes("/api/auth/me")) return answer(200, { user: { id: "user_1", email: "a@x.test", name: "Avery", role: "admin", workspaceId: "ws_1" } });
      if (url.includes("/api/ingest/status")) {
        return answer(200, { totalEvents: 0, totalMessages: 0, pendingEvents: 0, failedEvents: 0, oldestPendingAgeSeconds: 0, deadLettered: [], accounts: [] });
      }
      if (url.includes("/api/accounts/oauth/instagram/start") && method === "POST") {
        starts.push("instagram");
        return answer(200, { authorizeUrl: "https://www.instagram.com/oauth/authorize?client_id=app&state=s" });
      }
      if (url.includes("/api/accounts/oauth")) {
        return answer(200, {
          items: [
            { channel: "instagram", ready: true, missing: [] },
            { channel: "tiktok_business", ready: false, missing: ["TIKTOK_CLIENT_KEY", "PUBLIC_URL"] },
            { channel: "tiktok_shop", ready: true, missing: [] },
          ],
        });
      }
      if (url.includes("/api/accounts") && method === "POST") {
        posted.push(JSON.parse(String(init?.body)));
        return answer(409, { error: { code: "conflict", message: OWNED_ELSEWHERE, requestId: "req_1" } });
      }
      if (url.includes("/api/accounts")) {
        return answer(200, {
          items: [
            {
              id: "acc_1",
              channel: "tiktok_business",
              externalAccountId: "biz-1",
              handle: "glowbar.official",
              status: "needs_attention",
              attentionReason: "The platform refused the access token (expired or revoked): reconnect the account.",
              hasAccessToken: true,
              tokenExpiresAt: null,
              throttledUntil: null,
              lastError: null,
              tokenRefreshable: true,
              tokenRefreshedAt: null,
              lastWebhookAt: null,
              lastPolledAt: "2026-12-06T11:59:00Z",
            },
          ],
        });
      }
      return answer(404, { error: { code: "not_found", message: "no" } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the connected accounts page", () => {
  it("says why an account needs attention, sends a shop's cipher with its token, and shows the API's refusal in its words", async () => {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
        <AccountsPage />
      </QueryClientProvider>,
    );
    await screen.findByText("Needs attention: The platform refused the access token (expired or revoked): reconnect the account.");
    expect(screen.getByRole("heading", { name: "TikTok Business" })).toBeTruthy();

    await screen.findByRole("heading", { name: "Connect or reconnect an account" });
    fireEvent.change(screen.getByLabelText("Platform"), { target: { value: "tiktok_shop" } });
    fireEvent.change(screen.getByLabelText("Account id"), { target: { value: "7494000195158955508" } });
    fireEvent.change(screen.getByLabelText("Access token"), { target: { value: "tts-token" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect account" }));
    // The shop cipher is required for TikTok Shop: said before anything is sent.
    expect((await screen.findByRole("alert")).textContent).toContain("Enter the shop cipher");
    expect(posted).toEqual([]);

    fireEvent.change(screen.getByLabelText("Shop cipher"), { target: { value: "GCP_abc" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect account" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe(OWNED_ELSEWHERE));
    expect(posted).toEqual([{ channel: "tiktok_shop", externalAccountId: "7494000195158955508", accessToken: "tts-token", platformParams: { shop_cipher: "GCP_abc" } }]);
  });

  it("offers the platforms' Connect buttons, names the settings a platform lacks, and sends the admin to the platform", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
        <AccountsPage />
      </QueryClientProvider>,
    );
    const connect = await screen.findByRole("button", { name: "Connect Instagram" });
    const tiktok = screen.getByRole("button", { name: "Connect TikTok Business" }) as HTMLButtonElement;
    expect(tiktok.disabled).toBe(true);
    expect(screen.getByText(/set TIKTOK_CLIENT_KEY, PUBLIC_URL in its environment/)).toBeTruthy();
    // No OAuth reconnect for a platform that is not set up; the token form stays.
    expect(screen.queryByRole("button", { name: /through TikTok Business$/ })).toBeNull();
    expect(screen.getByText(/^Last polled/)).toBeTruthy();
    expect(screen.getByText("No webhook received yet")).toBeTruthy();

    fireEvent.click(connect);
    await waitFor(() => expect(assign).toHaveBeenCalledWith("https://www.instagram.com/oauth/authorize?client_id=app&state=s"));
    expect(starts).toEqual(["instagram"]);
  });

  it("says in words how a connection ended, and nothing a link carries becomes text", async () => {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
        <AccountsPage search={{ oauth: "state_expired", channel: "instagram", message: "call +1 555 to fix" }} />
      </QueryClientProvider>,
    );
    expect((await screen.findByRole("alert")).textContent).toBe(
      'The connection to Instagram took more than 10 minutes and expired. Nothing was connected: start again with "Connect Instagram".',
    );
    expect(screen.queryByText(/555/)).toBeNull();
    cleanup();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
        <AccountsPage search={{ oauth: "connected", channel: "tiktok_business", account: "acc_1" }} />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Connected TikTok Business @glowbar.official. Its comments and messages will arrive in the inbox within a minute or two."));
  });
});
