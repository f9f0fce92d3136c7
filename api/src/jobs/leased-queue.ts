import { and, eq, getTableColumns, inArray, lte, or, sql, type Column, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Database } from "../db/client.ts";
import { backoffDelay, type BackoffOptions } from "../lib/backoff.ts";

/**
 * Where a queue's jobs live: a table of the feature's own (the reply outbox, the sync cursors…),
 * named column by column, because each feature's rows are its state and the console reads them.
 */
export interface LeasedQueueSpec<T extends PgTable> {
  table: T;
  id: PgColumn;
  /** Jobs are taken oldest first by this column. */
  order: PgColumn;
  /**
   * A job waits in `queued`, is held in `running` (when the table has that state) and is given up
   * in `dead`. Absent for a schedule whose rows wait forever, like a sync cursor.
   */
  status?: { column: PgColumn; queued: string; running?: string; dead?: string };
  /** When a waiting job falls due; without it a queued job is due at once. */
  dueAt?: PgColumn;
  /**
   * Until when a claimed job is its worker's; after that the worker is presumed dead and the job
   * is taken again. It may be `dueAt` itself: claiming then pushes the job's due time a lease
   * ahead, so a job whose worker died is simply due again.
   */
  leaseUntil?: PgColumn;
  leaseMs?: number;
  /** Counted at each claim. A worker may settle a job only while its count is still the one it claimed. */
  attempts?: PgColumn;
  /** Why a job last failed, or why it was given up. */
  lastError?: PgColumn;
  /** After this many attempts a failing job is given up; without it, the worker decides. */
  maxAttempts?: number;
  /** Recorded on a due job that used every attempt without settling (its workers kept dying). */
  abandonedReason?: string;
  /** Between attempts: exponential, with full jitter (lib/backoff.ts). */
  backoff?: BackoffOptions;
  /** What else a given-up job records, e.g. when it finished. */
  onDead?: (now: Date) => PgUpdateSetSource<T>;
  now?: () => Date;
}

/** A job as its worker holds it: at least its id, and its attempts when the queue counts them. */
type Job<T extends PgTable> = Partial<T["$inferSelect"]>;

export interface LeasedQueue<T extends PgTable> {
  /**
   * Claims up to `limit` due jobs in one committed statement (`FOR UPDATE SKIP LOCKED`, so
   * claimers never take the same job): each gets attempts + 1 and a lease. Work on them outside
   * any transaction, then settle, retry, requeue or dead-letter each. Jobs that already used
   * `maxAttempts` are dead-lettered instead of claimed.
   */
  claim(db: Database, options: { limit: number; where?: SQL; set?: PgUpdateSetSource<T> }): Promise<T["$inferSelect"][]>;
  /**
   * Locks up to `limit` due jobs for the caller's transaction, which is their lease: a crash rolls
   * it back and leaves them due. The caller settles them in that transaction and counts the attempt
   * there. `columns` reads only those (a hot queue's batch is read faster without the rest).
   */
  lockDue<K extends keyof T["$inferSelect"] & string>(
    tx: Database,
    options: { limit: number; where?: SQL; columns?: K[] },
  ): Promise<Pick<T["$inferSelect"], K>[]>;
  /** Extends a held job's lease (a long job's heartbeat). False when the job is no longer this worker's. */
  heartbeat(db: Database, job: Job<T>, set?: PgUpdateSetSource<T>): Promise<boolean>;
  /** Records a held job's outcome (`set`, e.g. its done status) and releases it. False when it was no longer held. */
  settle(db: Database, job: Job<T>, set: PgUpdateSetSource<T>): Promise<boolean>;
  /**
   * A failed attempt: the job waits again, due after `delayMs` or the backoff with jitter, or is
   * dead-lettered with the reason once it used `maxAttempts`.
   */
  retry(
    db: Database,
    job: Job<T>,
    options: { reason: string; delayMs?: number; set?: PgUpdateSetSource<T> },
  ): Promise<"retried" | "dead" | "lost">;
  /** Gives a job up, recording why. */
  deadLetter(db: Database, job: Job<T>, reason: string, set?: PgUpdateSetSource<T>): Promise<boolean>;
  /**
   * Puts a job back to wait from scratch, due at `at` (default now): attempts to zero, error
   * cleared. A recurring job after a run, or a given-up job sent again.
   */
  requeue(db: Database, job: Job<T>, options?: { at?: Date; set?: PgUpdateSetSource<T> }): Promise<boolean>;
  /**
   * How many jobs wait or are held, and when the soonest falls due: a waiting job at its due
   * time, a held one when its lease ends. A drain reads it to wait out retry delays.
   */
  pending(db: Database): Promise<{ count: number; nextAt: Date | null }>;
}

/** One set of queue semantics over a feature's own table; see `LeasedQueueSpec` for the columns. */
export function createLeasedQueue<T extends PgTable>(spec: LeasedQueueSpec<T>): LeasedQueue<T> {
  const { table, status } = spec;
  const now = spec.now ?? (() => new Date());
  const leaseMs = spec.leaseMs ?? 60_000;
  const keyOf = columnKeys(table);
  // The lease lives in its own column only when the table has a `running` state to pair it with.
  const separateLease = spec.leaseUntil !== undefined && spec.leaseUntil !== spec.dueAt;
  if (separateLease && !status?.running) throw new Error("a lease column of its own needs a running status");

  type Row = T["$inferSelect"];
  type Held = Job<T>;
  type Set = PgUpdateSetSource<T>;
  const values = (entries: [PgColumn | undefined, unknown][]): Record<string, unknown> =>
    Object.fromEntries(entries.flatMap(([column, value]) => (column ? [[keyOf(column), value]] : [])));
  const field = (job: Held, column: PgColumn) => (job as Record<string, unknown>)[keyOf(column)];

  /** Waiting and due, or held by a worker whose lease lapsed. */
  function due(at: Date): SQL {
    const waiting = and(status && eq(status.column, status.queued), spec.dueAt && lte(spec.dueAt, at)) ?? sql`true`;
    if (!separateLease || !status?.running) return waiting;
    return or(waiting, and(eq(status.column, status.running), lte(spec.leaseUntil!, at)))!;
  }

  const exhausted = () => (spec.maxAttempts !== undefined && spec.attempts ? sql`${spec.attempts} >= ${spec.maxAttempts}` : undefined);

  /** Only the claim that counted the job's current attempt may write its outcome. */
  function held(job: Held, { running }: { running: boolean }): SQL {
    return and(
      eq(spec.id, field(job, spec.id)),
      spec.attempts && eq(spec.attempts, field(job, spec.attempts)),
      running && status?.running ? eq(status.column, status.running) : undefined,
    )!;
  }

  async function update(db: Database, where: SQL, set: Record<string, unknown>): Promise<boolean> {
    const rows = await db
      .update(table)
      .set(set as Set)
      .where(where)
      .returning({ id: spec.id });
    return rows.length > 0;
  }

  function dueRows(db: Database, at: Date, limit: number, where: SQL | undefined) {
    return db
      .select({ id: spec.id })
      .from(table as PgTable)
      .where(and(due(at), where))
      .orderBy(spec.order)
      .limit(limit)
      .for("update", { skipLocked: true });
  }

  const deadValues = (reason: string, at: Date) => ({
    ...values([
      [status?.column, status?.dead],
      [spec.lastError, reason],
      [separateLease ? spec.leaseUntil : undefined, null],
    ]),
    ...spec.onDead?.(at),
  });

  async function claim(db: Database, { limit, where, set }: { limit: number; where?: SQL; set?: Set }): Promise<Row[]> {
    const lease = spec.leaseUntil ?? spec.dueAt;
    if (!lease) throw new Error("this queue has no column to hold a lease: use lockDue");
    const at = now();
    const spent = exhausted();
    if (spent) {
      const reason = spec.abandonedReason ?? `Gave up after ${spec.maxAttempts} attempts: its worker stopped before finishing.`;
      await db
        .update(table)
        .set(deadValues(reason, at) as Set)
        .where(inArray(spec.id, dueRows(db, at, limit, and(where, spent))));
    }
    const claimed = await db
      .update(table)
      .set({
        ...values([
          [spec.attempts, spec.attempts && sql`${spec.attempts} + 1`],
          [status?.running ? status.column : undefined, status?.running],
          [lease, new Date(at.getTime() + leaseMs)],
        ]),
        ...set,
      } as Set)
      .where(inArray(spec.id, dueRows(db, at, limit, and(where, spent && sql`not (${spent})`))))
      .returning();
    return claimed as Row[];
  }

  async function lockDue<K extends keyof Row & string>(tx: Database, { limit, where, columns }: { limit: number; where?: SQL; columns?: K[] }) {
    const all = getTableColumns(table);
    const rows = await tx
      .select(columns ? Object.fromEntries(columns.map((key) => [key, all[key]!])) : all)
      .from(table as PgTable)
      .where(and(due(now()), where))
      .orderBy(spec.order)
      .limit(limit)
      .for("update", { skipLocked: true });
    return rows as Pick<Row, K>[];
  }

  function heartbeat(db: Database, job: Held, set?: Set) {
    const lease = spec.leaseUntil ?? spec.dueAt;
    if (!lease) throw new Error("this queue has no lease to extend");
    return update(db, held(job, { running: true }), { ...values([[lease, new Date(now().getTime() + leaseMs)]]), ...set });
  }

  function settle(db: Database, job: Held, set: Set) {
    return update(db, held(job, { running: true }), { ...values([[separateLease ? spec.leaseUntil : undefined, null]]), ...set });
  }

  function deadLetter(db: Database, job: Held, reason: string, set?: Set) {
    return update(db, held(job, { running: true }), { ...deadValues(reason, now()), ...set });
  }

  async function retry(db: Database, job: Held, { reason, delayMs, set }: { reason: string; delayMs?: number; set?: Set }) {
    const attempts = spec.attempts ? Number(field(job, spec.attempts)) : 0;
    if (spec.maxAttempts !== undefined && attempts >= spec.maxAttempts) {
      return (await deadLetter(db, job, reason, set)) ? "dead" : "lost";
    }
    const at = now();
    // attempts - 1: the first retry waits up to one base delay.
    const wait = delayMs ?? backoffDelay(attempts - 1, spec.backoff);
    const retried = await update(db, held(job, { running: true }), {
      ...values([
        [status?.column, status?.queued],
        [spec.dueAt, new Date(at.getTime() + wait)],
        [separateLease ? spec.leaseUntil : undefined, null],
        [spec.lastError, reason],
      ]),
      ...set,
    });
    return retried ? "retried" : "lost";
  }

  function requeue(db: Database, job: Held, { at = now(), set }: { at?: Date; set?: Set } = {}) {
    // Not only a held job: a given-up one may be sent again too.
    return update(db, held(job, { running: false }), {
      ...values([
        [status?.column, status?.queued],
        [spec.dueAt, at],
        [separateLease ? spec.leaseUntil : undefined, null],
        [spec.attempts, 0],
        [spec.lastError, null],
      ]),
      ...set,
    });
  }

  async function pending(db: Database) {
    if (!status) throw new Error("a queue without a status column has nothing pending");
    const states = status.running ? [status.queued, status.running] : [status.queued];
    const waitingAt = spec.dueAt ?? sql`now()`;
    const heldUntil = spec.leaseUntil ?? waitingAt;
    const [row] = await db
      .select({
        count: sql<number>`count(*)::int`,
        nextAt: sql<Date | string | null>`min(case when ${status.column} = ${status.queued} then ${waitingAt} else ${heldUntil} end)`,
      })
      .from(table as PgTable)
      .where(inArray(status.column, states));
    return { count: Number(row?.count ?? 0), nextAt: row?.nextAt == null ? null : new Date(row.nextAt) };
  }

  return { claim, lockDue, heartbeat, settle, retry, deadLetter, requeue, pending };
}

/** The table's property name for each column: drizzle's `set` and returned rows are keyed by them. */
function columnKeys(table: PgTable): (column: Column) => string {
  const keys = new Map<Column, string>(Object.entries(getTableColumns(table)).map(([key, column]) => [column, key]));
  return (column) => {
    const key = keys.get(column);
    if (!key) throw new Error(`column ${column.name} is not in the queue's table`);
    return key;
  };
}
