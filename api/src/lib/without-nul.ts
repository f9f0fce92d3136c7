/** PostgreSQL text cannot hold U+0000, which JSON can carry as "\u0000"; drop it. */
export function withoutNul<T extends string | null>(value: T): T {
  return (value === null ? null : value.replaceAll("\u0000", "")) as T;
}
