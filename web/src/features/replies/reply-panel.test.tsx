// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Message } from "@surgedesk/shared";
import { ReplyPanel } from "./reply-panel.tsx";

const dm = { id: "msg_dm1", kind: "dm", direction: "inbound", platform: "instagram" } as Message;

/** The API as the panel sees it; sends answer what the test queues, in order. */
let sendAnswers: number[];
let sentBodies: { text: string; idempotencyKey?: string; seenReplyIds?: string[] }[];
let outboxItems: unknown[];
const colleagueReply = {
  id: "out_sam1", messageId: dm.id, platform: "instagram", kind: "dm", text: "On its way!", macroId: null, status: "sent", attempts: 1,
  lastError: null, nextAttemptAt: null, sentAt: "2026-12-06T10:00:00.000Z", externalId: "m_1", createdAt: "2026-12-06T10:00:00.000Z", visibilityCheck: null, platformState: null,
};

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

beforeEach(() => {
  sendAnswers = [];
  sentBodies = [];
  outboxItems = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/send")) {
        sentBodies.push(JSON.parse(String(init?.body)) as { text: string; idempotencyKey?: string });
        const status = sendAnswers.shift() ?? 200;
        if (status === 409) {
          outboxItems = [colleagueReply];
          return answer(409, { error: { code: "conflict", message: "Sam replied to this message since you opened it (“On its way!”). Read it below, and send yours if it still helps." } });
        }
        return status === 200 ? answer(200, { items: [] }) : answer(status, { error: { code: "unavailable", message: "The server did not answer in time." } });
      }
      if (url.includes("/suggestions")) {
        return answer(200, { messageId: dm.id, values: {}, order: { outcome: "no_reference", reason: "No order named.", order: null, otherOrders: [] }, suggestions: [], commentToDm: { available: false, reason: null, mode: "none" } });
      }
      if (url.includes("/outbox")) return answer(200, { items: outboxItems });
      if (url.includes("/macros")) return answer(200, { macros: [] });
      return answer(404, { error: { code: "not_found", message: "no" } });
    }),
  );
});
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.unstubAllGlobals();
});

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ReplyPanel message={dm} canSend />
    </QueryClientProvider>,
  );
}

const draft = () => screen.getByLabelText("Reply in the DM");
const sendButton = () => screen.getByRole("button", { name: "Send" });
/** Send waits until the panel knows the replies already sent (the collision guard names them). */
const sendReady = () => waitFor(() => expect(sendButton()).not.toHaveProperty("disabled", true));

describe("the reply panel's sends", () => {
  it("sends a retry after a failed attempt with the same idempotency key, and a new reply with a new one", async () => {
    renderPanel();
    fireEvent.change(draft(), { target: { value: "Your parcel ships today." } });
    sendAnswers = [504, 200];
    await sendReady();
    fireEvent.click(sendButton());
    await screen.findByText("The server did not answer in time.");
    await waitFor(() => expect(sendButton()).not.toHaveProperty("disabled", true));
    fireEvent.click(sendButton());
    await waitFor(() => expect(sentBodies).toHaveLength(2));
    await waitFor(() => expect((draft() as HTMLTextAreaElement).value).toBe(""));
    expect(sentBodies[1]!.idempotencyKey).toBe(sentBodies[0]!.idempotencyKey);

    // The same words sent again after that send landed: a new reply, so a new key.
    fireEvent.change(draft(), { target: { value: "Your parcel ships today." } });
    fireEvent.click(sendButton());
    await waitFor(() => expect(sentBodies).toHaveLength(3));
    expect(sentBodies[2]!.idempotencyKey).not.toBe(sentBodies[0]!.idempotencyKey);
  });

  it("gives an edited text a new key: a different reply is a different send", async () => {
    renderPanel();
    fireEvent.change(draft(), { target: { value: "First words" } });
    sendAnswers = [504];
    await sendReady();
    fireEvent.click(sendButton());
    await screen.findByText("The server did not answer in time.");
    fireEvent.change(draft(), { target: { value: "Better words" } });
    fireEvent.click(sendButton());
    await waitFor(() => expect(sentBodies).toHaveLength(2));
    expect(sentBodies[1]!.idempotencyKey).not.toBe(sentBodies[0]!.idempotencyKey);
  });

  it("stops at a colleague's reply sent meanwhile: shows it, keeps the draft, and sends once it has been seen", async () => {
    renderPanel();
    fireEvent.change(draft(), { target: { value: "It ships tomorrow." } });
    sendAnswers = [409, 200];
    await sendReady();
    fireEvent.click(sendButton());
    await screen.findByText(/Sam replied to this message since you opened it/);
    expect(sentBodies[0]!.seenReplyIds).toEqual([]);
    // The colleague's reply is fetched and shown; the agent's words are still there.
    expect(await screen.findAllByText("On its way!")).not.toHaveLength(0);
    expect((draft() as HTMLTextAreaElement).value).toBe("It ships tomorrow.");
    fireEvent.click(sendButton());
    await waitFor(() => expect(sentBodies).toHaveLength(2));
    expect(sentBodies[1]!.seenReplyIds).toEqual(["out_sam1"]);
  });

  it("keeps a draft across a reload of the page, and forgets it once sent", async () => {
    renderPanel();
    fireEvent.change(draft(), { target: { value: "Half-written answer" } });
    cleanup();
    renderPanel();
    expect((draft() as HTMLTextAreaElement).value).toBe("Half-written answer");
    await sendReady();
    fireEvent.click(sendButton());
    await waitFor(() => expect((draft() as HTMLTextAreaElement).value).toBe(""));
    cleanup();
    renderPanel();
    expect((draft() as HTMLTextAreaElement).value).toBe("");
  });
});
