import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, createFileRoute, redirect, useNavigate } from "@tanstack/react-router";
import { meQueryOptions, signOut } from "../features/auth/session-queries.ts";
import { ROLE_NAMES } from "../lib/format.ts";

/** Every page but the sign-in page: a signed-in user (the API enforces it regardless) and the navigation. */
export const Route = createFileRoute("/_signed-in")({
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions);
    if (!me) throw redirect({ to: "/login", search: { redirect: location.href } });
  },
  component: SignedInLayout,
});

function SignedInLayout() {
  const { data: me } = useQuery(meQueryOptions);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/inbox" className="brand">
          Surgedesk
        </Link>
        <nav>
          <Link to="/inbox" activeProps={{ className: "active" }}>
            Inbox
          </Link>
          <Link to="/spikes" activeProps={{ className: "active" }}>
            Spikes
          </Link>
          <Link to="/macros" activeProps={{ className: "active" }}>
            Macros
          </Link>
          {me?.role === "admin" && (
            <Link to="/model" activeProps={{ className: "active" }}>
              Classifier
            </Link>
          )}
          {me?.role === "admin" && (
            <Link to="/settings" activeProps={{ className: "active" }}>
              Settings
            </Link>
          )}
        </nav>
        {me && (
          <div className="who">
            <span>
              {me.name} · {ROLE_NAMES[me.role]}
            </span>
            <button
              onClick={() =>
                void signOut().then(() => {
                  queryClient.clear();
                  void navigate({ to: "/login" });
                })
              }
            >
              Sign out
            </button>
          </div>
        )}
      </header>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
