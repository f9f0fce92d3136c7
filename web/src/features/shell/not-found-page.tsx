import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { EmptyState } from "../../design/empty-state.tsx";
import { meQueryOptions } from "../auth/session-queries.ts";
import { AppShell } from "./app-shell.tsx";

/** An address that leads nowhere: said plainly, with the navigation (when signed in) and the way on. */
export function NotFoundPage() {
  const me = useQuery(meQueryOptions);
  if (me.isPending) return null;
  const content = (
    <div className="page-message">
      <h1>Page not found</h1>
      <EmptyState
        title="There is no page at this address."
        action={
          me.data ? (
            <Link to="/inbox" className="btn btn-primary">
              Go to the inbox
            </Link>
          ) : (
            <Link to="/login" className="btn btn-primary">
              Sign in
            </Link>
          )
        }
      >
        <p>{me.data ? "The link may be old or mistyped. Pick a page above, or go back to the inbox." : "The link may be old or mistyped. Sign in to open the console."}</p>
      </EmptyState>
    </div>
  );
  return me.data ? <AppShell>{content}</AppShell> : <main>{content}</main>;
}
