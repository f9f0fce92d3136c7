import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { meQueryOptions } from "../auth/session-queries.ts";

/** An admin section: its content for admins, and for anyone else a plain sentence (the API refuses them anyway). */
export function AdminOnly({ title, what, children }: { title: string; what: string; children: ReactNode }) {
  const { data: me } = useQuery(meQueryOptions);
  if (!me) return null;
  if (me.role !== "admin") {
    return (
      <div className="settings-page">
        <h1>{title}</h1>
        <p className="notice notice-warning" role="alert">
          Only admins can {what}. Ask an admin of your workspace if you need a change.
        </p>
        <Link to="/settings">Back to settings</Link>
      </div>
    );
  }
  return <>{children}</>;
}

/** Whether the signed-in user is an admin (false while unknown). */
export function useIsAdmin(): boolean {
  const { data: me } = useQuery(meQueryOptions);
  return me?.role === "admin";
}
