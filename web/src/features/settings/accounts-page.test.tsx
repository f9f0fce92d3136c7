// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AccountsPage } from "./accounts-page.tsx";

const OWNED_ELSEWHERE = "This account is connected to another workspace.";
let posted: unknown[];

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

beforeEach(() => {
  posted = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      const method = init?.method ?? (input instanceof Request ? input.method : "GET");
      if (url.includes("/api/auth/me")) return answer(200, { user: { id: "user_1", email: "a@x.test", name: "Avery", role: "admin", workspaceId: "ws_1" } });
      if (url.includes("/api/ingest/status")) {
        return answer(200, { totalEvents: 0, totalMessages: 0, pendingEvents: 0, failedEvents: 0, oldestPendingAgeSeconds: 0, deadLettered: [], accounts: [] });
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
});
