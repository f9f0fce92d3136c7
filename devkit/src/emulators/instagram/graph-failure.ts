import { randomBytes } from "node:crypto";

export interface GraphFailureInit {
  status: number;
  code: number;
  message: string;
  type?: string;
  subcode?: number;
  isTransient?: boolean;
  headers?: Record<string, string>;
}

/**
 * An error the emulated Graph API answers with, in Meta's envelope:
 * `{ "error": { message, type, code, error_subcode, fbtrace_id } }`.
 */
export class GraphFailure extends Error {
  readonly status: number;
  readonly code: number;
  readonly type: string;
  readonly subcode: number | undefined;
  readonly isTransient: boolean | undefined;
  readonly headers: Record<string, string>;

  constructor(init: GraphFailureInit) {
    super(init.message);
    this.name = "GraphFailure";
    this.status = init.status;
    this.code = init.code;
    this.type = init.type ?? "OAuthException";
    this.subcode = init.subcode;
    this.isTransient = init.isTransient;
    this.headers = init.headers ?? {};
  }

  envelope() {
    return {
      error: {
        message: this.message,
        type: this.type,
        code: this.code,
        ...(this.subcode !== undefined && { error_subcode: this.subcode }),
        ...(this.isTransient !== undefined && { is_transient: this.isTransient }),
        fbtrace_id: randomBytes(8).toString("base64url"),
      },
    };
  }
}

/** Meta's wording for the failures the emulator produces. */
export const graphFailures = {
  invalidToken: () =>
    new GraphFailure({ status: 400, code: 190, message: "Invalid OAuth access token - Cannot parse access token" }),
  expiredToken: (at: Date) =>
    new GraphFailure({
      status: 400,
      code: 190,
      subcode: 463,
      message: `Error validating access token: Session has expired on ${at.toUTCString()}. The current time is ${new Date().toUTCString()}.`,
    }),
  noSuchObject: (id: string) =>
    new GraphFailure({
      status: 400,
      code: 100,
      subcode: 33,
      type: "GraphMethodException",
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    }),
  nonexistingField: (field: string, nodeType: string) =>
    new GraphFailure({ status: 400, code: 100, message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})` }),
  invalidParameter: (detail: string) => new GraphFailure({ status: 400, code: 100, message: `(#100) ${detail}` }),
  /** Private reply or DM outside the window the platform allows. */
  outsideWindow: () =>
    new GraphFailure({
      status: 400,
      code: 10,
      subcode: 2534022,
      type: "IGApiException",
      message: "This message is sent outside of allowed window.",
    }),
  /** Meta does not document this exact wording; the rule (one private reply per comment) is real. */
  privateReplyAlreadySent: () =>
    new GraphFailure({
      status: 400,
      code: 10,
      type: "IGApiException",
      message: "(#10) A private reply has already been sent to this comment.",
    }),
  rateLimited: (code: 4 | 17 | 32 | 613 | 80002, headers: Record<string, string> = {}) =>
    new GraphFailure({
      status: 400,
      code,
      headers,
      message: {
        4: "(#4) Application request limit reached",
        17: "(#17) User request limit reached",
        32: "(#32) Page request limit reached",
        613: "(#613) Calls to this api have exceeded the rate limit.",
        80002:
          "(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
      }[code],
    }),
  tooManyRequests: (retryAfterSec: number) =>
    new GraphFailure({
      status: 429,
      code: 4,
      headers: { "retry-after": String(retryAfterSec) },
      message: "(#4) Application request limit reached",
    }),
  serverError: () =>
    new GraphFailure({
      status: 500,
      code: 2,
      isTransient: true,
      message: "An unexpected error has occurred. Please retry your request later.",
    }),
};
