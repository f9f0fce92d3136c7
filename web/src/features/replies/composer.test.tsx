// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Message } from "@surgedesk/shared";
import { ReplyPanel } from "./reply-panel.tsx";

const comment = { id: "msg_c1", kind: "comment", direction: "inbound", platform: "instagram", status: "open" } as Message;
const macro = (id: string, title: string, body: string, channel: string, language = "en") => ({
  id, key: null, title, body, channel, labels: [], language, createdAt: "2026-12-01T00:00:00.000Z", updatedAt: "2026-12-01T00:00:00.000Z",
});

let sent: { text: string; channel: string; macroId: string | null }[];
let notesPosted: { body: string; mentionUserIds: string[] }[];
let privateReason: string | null;
/** The language of the top suggestion: the buyer's, as the server chose it. */
let suggestedLanguage: string | null;

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

beforeEach(() => {
  sent = [];
  notesPosted = [];
  privateReason = null;
  suggestedLanguage = null;
  vi.stubGlobal(
    "requestAnimationFrame",
    (callback: FrameRequestCallback) => setTimeout(() => callback(0), 0),
  );
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      const body = init?.body ? JSON.parse(String(init.body)) : null;
      if (url.includes("/send")) {
        sent.push(body);
        return answer(200, { items: [] });
      }
      if (url.includes("/suggestions")) {
        return answer(200, {
          messageId: comment.id, values: { customer_handle: "mia.k", agent_name: "Sam" },
          order: { outcome: "no_reference", reason: "No order named.", order: null, otherOrders: [] }, advice: null,
          suggestions: suggestedLanguage
            ? [{ macro: macro("mac_prod_es", "Pregunta de producto: respuesta", "¡Hola @{{customer_handle}}! {{product_answer}}", "public", suggestedLanguage), score: 1, reasons: [], rendered: { text: "¡Hola @mia.k! ", parts: [{ kind: "text", text: "¡Hola @mia.k! " }], missing: [] } }]
            : [],
          commentToDm: { available: false, reason: null, mode: "private_reply" },
          replyOptions: { public: { available: true, reason: null }, private: { available: privateReason === null, reason: privateReason } },
        });
      }
      if (url.includes("/outbox")) return answer(200, { items: [] });
      if (url.includes("/preview")) return answer(200, { rendered: { text: "", parts: [], missing: [] }, values: {}, piiProblem: null });
      if (url.includes("/api/macros")) {
        return answer(200, {
          macros: [
            macro("mac_promo", "Creator code / promo clarification", "Hi @{{customer_handle}}! Creator codes work on full-price items.", "public"),
            macro("mac_prod", "Product question: answer", "Hi @{{customer_handle}}! {{product_answer}} Anything else?", "public"),
            macro("mac_dm", "Product question: answer in DM", "Hi {{customer_name}}, {{product_answer}}", "private"),
            macro("mac_prod_es", "Pregunta de producto: respuesta", "¡Hola @{{customer_handle}}! {{product_answer}}", "public", "es"),
          ],
        });
      }
      if (url.includes("/assignees")) return answer(200, { items: [{ id: "usr_avery", name: "Avery Admin" }, { id: "usr_sam", name: "Sam Agent" }] });
      if (url.includes("/api/notes/messages") && init?.method === "POST") {
        notesPosted.push(body);
        return answer(201, { id: "note_1", messageId: comment.id, author: { id: "usr_sam", name: "Sam Agent" }, body: body.body, mentions: [], createdAt: "2026-12-07T00:00:00.000Z" });
      }
      if (url.includes("/api/notes/messages")) return answer(200, { items: [] });
      return answer(404, { error: { code: "not_found", message: "no" } });
    }),
  );
});
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.unstubAllGlobals();
});

function renderPanel(readOnlyReason: string | null = null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ReplyPanel message={comment} canSend={readOnlyReason === null} readOnlyReason={readOnlyReason} />
    </QueryClientProvider>,
  );
}

/** Types into the text area as a person would: the value and the caret at its end. */
function type(box: HTMLElement, value: string) {
  fireEvent.change(box, { target: { value, selectionStart: value.length, selectionEnd: value.length } });
}

describe("the composer", () => {
  it("inserts a public macro found by # and a fuzzy query, filled from the message, and blocks Send on the missing variable", async () => {
    renderPanel();
    const box = await screen.findByRole("textbox", { name: "Public reply" });
    await waitFor(() => expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", true));
    type(box, "#prodq");
    const option = await screen.findByRole("option", { name: /Product question: answer/ });
    // Only public macros for a public reply: the DM one is not offered.
    expect(screen.queryByRole("option", { name: /answer in DM/ })).toBeNull();
    expect(option.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe("Hi @mia.k! {{product_answer}} Anything else?"));
    expect(document.querySelector(".composer-marks mark.var-missing")?.textContent).toBe("{{product_answer}}");
    expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", true);

    fireEvent.change(screen.getByLabelText("{{product_answer}}"), { target: { value: "Yes, a vegan one too." } });
    await waitFor(() => expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", false));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ text: "Hi @mia.k! Yes, a vegan one too. Anything else?", channel: "public", macroId: "mac_prod" });
  });

  it("lists macros in the buyer's language first", async () => {
    suggestedLanguage = "es";
    renderPanel();
    const box = await screen.findByRole("textbox", { name: "Public reply" });
    await waitFor(() => expect(screen.getAllByText("Pregunta de producto: respuesta").length).toBeGreaterThan(0));
    type(box, "#pr");
    await screen.findByRole("option", { name: /Product question: answer/ });
    expect(screen.getAllByRole("option").map((o) => o.textContent)[0]).toMatch(/^Pregunta de producto/);
  });

  it("leaves a # that picks nothing as typed when Escape closes the list", async () => {
    renderPanel();
    const box = await screen.findByRole("textbox", { name: "Public reply" });
    type(box, "Loving it #ootd");
    await screen.findByRole("listbox", { name: "Macros" });
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("listbox", { name: "Macros" })).toBeNull();
    expect((box as HTMLTextAreaElement).value).toBe("Loving it #ootd");
  });

  it("shows the platform's reason when a DM is not possible, and does not send", async () => {
    privateReason = "Instagram allows one Private Reply per comment, and this one has it.";
    renderPanel();
    await screen.findByRole("textbox", { name: "Public reply" });
    fireEvent.click(await screen.findByRole("radio", { name: "DM" }));
    await screen.findByText(/this one has it/);
    type(screen.getByRole("textbox", { name: "Private reply (DM)" }), "Hello there");
    expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", true);
  });

  it("writes a note with an @mention picked from the teammates, sent as mentionUserIds", async () => {
    renderPanel();
    fireEvent.click(await screen.findByRole("radio", { name: "Note" }));
    const box = screen.getByRole("textbox", { name: "Internal note" });
    type(box, "Needs a refund decision @av");
    fireEvent.mouseDown(await screen.findByRole("option", { name: "@Avery Admin" }));
    await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe("Needs a refund decision @Avery Admin "));
    fireEvent.click(screen.getByRole("button", { name: "Add note" }));
    await waitFor(() => expect(notesPosted).toHaveLength(1));
    expect(notesPosted[0]).toEqual({ body: "Needs a refund decision @Avery Admin ", mentionUserIds: ["usr_avery"] });
    expect(sent).toHaveLength(0);
  });

  it("is disabled for a viewer, with the reason", async () => {
    renderPanel("Viewers can read the inbox but not change or answer messages.");
    const box = await screen.findByRole("textbox", { name: "Public reply" });
    expect(box).toHaveProperty("disabled", true);
    screen.getByText("Viewers can read the inbox but not change or answer messages.");
    expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", true);
  });
});
