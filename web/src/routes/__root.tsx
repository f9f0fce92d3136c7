import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, Link } from "@tanstack/react-router";

export const Route = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  notFoundComponent: () => (
    <p className="empty">
      This page does not exist. <Link to="/">Back to the inbox</Link>
    </p>
  ),
});
