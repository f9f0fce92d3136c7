// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApprovalsBadge } from "./approvals-badge.tsx";

/** The one live connection the console opens, as a test drives it. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  emit(name: string, data: unknown) {
    for (const listener of this.listeners.get(name) ?? []) listener(new MessageEvent(name, { data: JSON.stringify(data) }));
  }
  close() {}
}

let waiting: number;

beforeEach(() => {
  waiting = 1;
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/api/order-actions/approvals/count")) return new Response(JSON.stringify({ waiting }), { status: 200, headers: { "content-type": "application/json" } });
      return new Response(JSON.stringify({ error: { code: "not_found", message: "Not here", requestId: "req_1" } }), { status: 404, headers: { "content-type": "application/json" } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the approvals badge", () => {
  it("shows the refunds waiting for an admin and follows approvals.changed live, gone at zero", async () => {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <ApprovalsBadge />
      </QueryClientProvider>,
    );
    expect((await screen.findByTestId("approvals-badge")).textContent).toBe("1");
    expect(screen.getByLabelText("1 refund approval waiting")).toBeTruthy();
    expect(FakeEventSource.last?.url).toBe("/api/live/stream");

    waiting = 3;
    act(() => FakeEventSource.last!.emit("approvals.changed", {}));
    expect(await screen.findByLabelText("3 refund approvals waiting")).toBeTruthy();

    waiting = 0;
    act(() => FakeEventSource.last!.emit("approvals.changed", {}));
    await vi.waitFor(() => expect(screen.queryByTestId("approvals-badge")).toBeNull());
  });
});
