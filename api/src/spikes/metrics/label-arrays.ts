import { sql, type SQL } from "drizzle-orm";
import { LABELS, type Label } from "@surgedesk/shared";

/**
 * Per-label counters are `integer[]` indexed like `LABELS`, one column instead of twelve. The
 * list is append-only, so an old row with a shorter array reads as zeros for newer labels.
 */
export function labelIndex(label: Label): number {
  return LABELS.indexOf(label);
}

/** A JS array of per-label counts from `integer[]` as the driver returns it (shorter = zeros). */
export function labelCountsOf(value: readonly (number | string | null)[] | null | undefined): number[] {
  return LABELS.map((_, i) => Number(value?.[i] ?? 0));
}

/** `array[count(*) filter (where <label column> = 'order_status' and <cond>), …]::integer[]`. */
export function labelCountArraySql(labelColumn: SQL, condition: SQL): SQL {
  const parts = LABELS.map((label) => sql`count(*) filter (where ${labelColumn} = ${label} and ${condition})::int`);
  return sql`array[${sql.join(parts, sql`, `)}]::integer[]`;
}

/** An `integer[]` literal from JS counts. */
export function intArraySql(values: readonly number[]): SQL {
  return sql`${`{${values.map((v) => Math.trunc(v)).join(",")}}`}::integer[]`;
}

/**
 * Element-wise sum of two `integer[]` (missing elements count as 0), in plain SQL so no custom
 * function has to be migrated.
 */
export function addIntArraysSql(left: SQL, right: SQL): SQL {
  return sql`coalesce((select array_agg(coalesce(u.a, 0) + coalesce(u.b, 0) order by u.n) from unnest(${left}, ${right}) with ordinality as u(a, b, n)), '{}'::integer[])`;
}

/** `label_counts[i] + …` over a set of labels, for SQL sums of a label group. */
export function sumOfLabelsSql(column: SQL, labels: readonly Label[]): SQL {
  if (labels.length === 0) return sql`0`;
  return sql.join(
    labels.map((l) => sql`coalesce(${column}[${sql.raw(String(labelIndex(l) + 1))}], 0)`),
    sql` + `,
  );
}
