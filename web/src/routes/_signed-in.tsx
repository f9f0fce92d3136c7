import { Outlet, createFileRoute, redirect } from "@tanstack/react-router";
import { meQueryOptions } from "../features/auth/session-queries.ts";
import { AppShell } from "../features/shell/app-shell.tsx";

/** Every page but the sign-in page: a signed-in user (the API enforces it regardless) and the navigation. */
export const Route = createFileRoute("/_signed-in")({
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions);
    if (!me) throw redirect({ to: "/login", search: { redirect: location.href } });
  },
  component: SignedInLayout,
});

function SignedInLayout() {
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}
