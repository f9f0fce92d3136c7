/**
 * Orders strings by UTF-16 code units, the same way everywhere: rows written in this order by
 * every writer take their locks in one order and cannot deadlock one another.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
