import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { z } from "zod";
import { Notice } from "../design/notice.tsx";
import { meQueryOptions, signIn } from "../features/auth/session-queries.ts";

export const Route = createFileRoute("/login")({
  validateSearch: z.object({ redirect: z.string().startsWith("/").optional().catch(undefined) }),
  component: LoginPage,
});

function LoginPage() {
  const { redirect } = Route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const user = await signIn({ email: String(form.get("email")), password: String(form.get("password")) });
      queryClient.setQueryData(meQueryOptions.queryKey, user);
      // Only same-site paths: the redirect comes from the URL and must not send anyone away.
      await navigate({ to: redirect && !redirect.startsWith("//") ? redirect : "/inbox" });
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not sign in.");
    } finally {
      setPending(false);
    }
  }

  return (
    <main className="login-page">
      <form className="login" onSubmit={(e) => void onSubmit(e)}>
        <p className="brand-mark">Surgedesk</p>
        <h1>Sign in to Surgedesk</h1>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && <Notice tone="error">{error}</Notice>}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      </form>
    </main>
  );
}
