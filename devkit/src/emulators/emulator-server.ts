import type { RequestHandler } from "msw";
import { setupServer, type SetupServer } from "msw/node";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Intercepts this process's outbound HTTP with the platform emulators. Calls to our own server
 * on localhost pass through; any other unhandled request is an error, so nothing can reach a
 * real platform by accident.
 */
export function startEmulatorServer(handlers: RequestHandler[]): SetupServer {
  const server = setupServer(...handlers);
  server.listen({
    onUnhandledRequest(request, print) {
      if (LOCAL_HOSTS.has(new URL(request.url).hostname)) return;
      print.error();
    },
  });
  return server;
}
