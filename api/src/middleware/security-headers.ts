import { secureHeaders } from "hono/secure-headers";

/**
 * Headers on every response, console and API alike. The console is one bundle of its own
 * scripts and styles (no inline script, no third-party origin), so the policy allows only
 * `'self'`: a comment that ever made it into the page as markup could not load or run anything.
 * `frame-ancestors 'none'` keeps the console out of other sites' frames (clickjacking).
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xContentTypeOptions: "nosniff",
  xFrameOptions: "DENY",
  referrerPolicy: "same-origin",
  // The console is served over plain HTTP in demo mode and behind the operator's TLS otherwise;
  // HSTS belongs to whoever terminates TLS.
  strictTransportSecurity: false,
});
