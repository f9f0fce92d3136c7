/**
 * Errors as they may be stored or logged. A database driver's message can quote the failing
 * value ("invalid input syntax for type bigint: …") and drizzle's names the query and every
 * parameter; a JSON parser's quotes the input. Customer text and SQL parameters must not reach a
 * log line or an error column, so errors are described by what identifies them, never by their
 * message: the SQLSTATE and the constraint for a database error, the system code for a network
 * error, the issues' paths for a schema error, and otherwise the error's class.
 */

interface DatabaseErrorLike {
  code: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** The condition names of the SQLSTATEs worth recognising at a glance (PostgreSQL appendix A). */
const CONDITIONS: Record<string, string> = {
  "08000": "connection_exception",
  "08003": "connection_does_not_exist",
  "08006": "connection_failure",
  "08001": "sqlclient_unable_to_establish_sqlconnection",
  "22001": "string_data_right_truncation",
  "22003": "numeric_value_out_of_range",
  "22007": "invalid_datetime_format",
  "22008": "datetime_field_overflow",
  "22021": "character_not_in_repertoire",
  "22P02": "invalid_text_representation",
  "22P05": "untranslatable_character",
  "23502": "not_null_violation",
  "23503": "foreign_key_violation",
  "23505": "unique_violation",
  "23514": "check_violation",
  "25P02": "in_failed_sql_transaction",
  "40001": "serialization_failure",
  "40P01": "deadlock_detected",
  "42P01": "undefined_table",
  "42703": "undefined_column",
  "53300": "too_many_connections",
  "55P03": "lock_not_available",
  "57014": "query_canceled",
  "57P01": "admin_shutdown",
  "57P03": "cannot_connect_now",
};

/** SQLSTATE classes that say "try again later", not "this can never work". */
const TRANSIENT_CLASSES = new Set(["08", "40", "53", "55", "57", "58"]);

/** Node's codes for a network that failed, not a request that was wrong. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** node-postgres's own fixed messages for a connection that could not be had or was lost. */
const DRIVER_CONNECTION_MESSAGES = [
  "timeout exceeded when trying to connect",
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "Connection terminated",
  "Query read timeout",
  "Client has encountered a connection error and is not queryable",
  "Cannot use a pool after calling end on the pool",
];

function* chain(error: unknown): Generator<unknown> {
  let current = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

function databaseError(error: unknown): DatabaseErrorLike | null {
  for (const link of chain(error)) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return link as DatabaseErrorLike;
  }
  return null;
}

function networkCode(error: unknown): string | null {
  for (const link of chain(error)) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
  }
  return null;
}

function driverConnectionMessage(error: unknown): string | null {
  for (const link of chain(error)) {
    if (!(link instanceof Error)) continue;
    const known = DRIVER_CONNECTION_MESSAGES.find((m) => link.message === m);
    if (known) return known;
  }
  return null;
}

interface ZodLikeIssue {
  path: readonly PropertyKey[];
  code: string;
}

function zodIssues(error: unknown): ZodLikeIssue[] | null {
  const issues = (error as { issues?: unknown } | null)?.issues;
  if (!(error instanceof Error) || error.name !== "ZodError" || !Array.isArray(issues)) return null;
  return issues as ZodLikeIssue[];
}

/** An error whose message we wrote ourselves and which holds no customer data. */
export class SafeError extends Error {
  override name = "SafeError";
}

/** A description of `error` fit to store or log: no SQL parameters, no customer text. */
export function describeError(error: unknown): string {
  const db = databaseError(error);
  if (db) {
    const condition = CONDITIONS[db.code];
    const where = [db.table && `table ${db.table}`, db.column && `column ${db.column}`, db.constraint && `constraint ${db.constraint}`].filter(Boolean);
    return `database error ${db.code}${condition ? ` ${condition}` : ""}${where.length > 0 ? ` (${where.join(", ")})` : ""}`;
  }
  const network = networkCode(error);
  if (network) return `database unreachable: ${network}`;
  const driver = driverConnectionMessage(error);
  if (driver) return `database unreachable: ${driver}`;
  const issues = zodIssues(error);
  if (issues) {
    const where = issues.slice(0, 5).map((i) => `${i.path.map(String).join(".") || "body"}: ${i.code}`);
    return `unexpected shape: ${where.join("; ")}`;
  }
  if (error instanceof SafeError) return error.message;
  if (error instanceof Error) return `${error.name} (details withheld: they may quote the input)`;
  return "a non-error value was thrown";
}

/**
 * Whether trying again later may succeed: the database or the network failed (connection lost,
 * timeout, deadlock, too many connections). A data or constraint error, or a payload of the
 * wrong shape, will fail the same way every time.
 */
export function isTransientError(error: unknown): boolean {
  const db = databaseError(error);
  if (db) return TRANSIENT_CLASSES.has(db.code.slice(0, 2));
  return networkCode(error) !== null || driverConnectionMessage(error) !== null;
}
