import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixturesDir } from "@surgedesk/api/lib/repo-paths.ts";

/** A platform payload from `fixtures/`, as text exactly as the platform would send it. */
export function readFixture(path: string): string {
  return readFileSync(join(fixturesDir, path), "utf8");
}

export function readJsonFixture<T = unknown>(path: string): T {
  return JSON.parse(readFixture(path)) as T;
}
