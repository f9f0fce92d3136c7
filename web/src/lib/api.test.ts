import { afterEach, describe, expect, it, vi } from "vitest";
import { meQueryOptions, signIn } from "../features/auth/session-queries.ts";
import { alertWebhookQueryOptions } from "../features/spikes/spike-settings-queries.ts";
import { ApiError } from "./api.ts";

/** Every request the typed client makes gets this answer. */
function answer(status: number, body: unknown, contentType = "application/json") {
  const fetch = vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": contentType } }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

const context = { client: undefined, queryKey: [], signal: new AbortController().signal, meta: undefined } as never;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("console API calls", () => {
  it("give the answer's body on success", async () => {
    const fetch = answer(200, { user: { id: "u1", name: "Ana" } });
    await expect(signIn({ email: "ana@example.com", password: "secret-secret" })).resolves.toEqual({ id: "u1", name: "Ana" });
    expect(fetch).toHaveBeenCalledWith("/api/auth/login", expect.objectContaining({ method: "POST" }));
  });

  it("throw an ApiError with the server's code, message and request id on a refusal", async () => {
    answer(401, { error: { code: "unauthorized", message: "The email or password is not right.", requestId: "req-1" } });
    const error = await signIn({ email: "ana@example.com", password: "wrong-password" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "unauthorized", message: "The email or password is not right.", requestId: "req-1" });
  });

  it("say what the status was when the body is not the API's error", async () => {
    answer(502, "<html>Bad gateway</html>", "text/html");
    await expect(signIn({ email: "ana@example.com", password: "secret-secret" })).rejects.toMatchObject({
      status: 502,
      code: "unknown",
      message: "The server answered 502.",
    });
  });

  it("read 'nobody signed in' and 'no webhook' as null, and other refusals as errors", async () => {
    answer(401, { error: { code: "unauthorized", message: "Sign in first." } });
    await expect(meQueryOptions.queryFn!(context)).resolves.toBeNull();
    answer(404, { error: { code: "not_found", message: "No alert webhook." } });
    await expect(alertWebhookQueryOptions.queryFn!(context)).resolves.toBeNull();
    answer(403, { error: { code: "forbidden", message: "Only an admin can see this." } });
    await expect(alertWebhookQueryOptions.queryFn!(context)).rejects.toMatchObject({ status: 403, message: "Only an admin can see this." });
  });
});
