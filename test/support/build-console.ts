import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { repoRoot } from "../../api/src/lib/repo-paths.ts";

const webDir = join(repoRoot, "web");

/** What the console build is made of: its sources, the shared package it imports, its config. */
const buildInputs = [join(webDir, "src"), join(webDir, "index.html"), join(webDir, "vite.config.ts"), join(webDir, "package.json"), join(repoRoot, "shared/src")];

/** A build that has not finished after this long was abandoned (its test run was killed). */
const abandonedAfterMs = 5 * 60_000;

/**
 * The console built from the current sources, in a directory named by their hash: browser test
 * files of a run share one build (each built its own, ~20 s apiece), and a source change gives a
 * new hash, so no test ever serves a stale build. The first file to ask builds; the others wait.
 */
export async function buildConsole(): Promise<string> {
  const outDir = join(tmpdir(), `surgedesk-console-${hashOfBuildInputs()}`);
  const lock = `${outDir}.building`;
  for (;;) {
    if (existsSync(join(outDir, "index.html"))) return outDir;
    if (takeLock(lock)) break;
    await sleep(250);
  }
  try {
    // Built aside and renamed into place, so a directory with an index.html is always complete.
    const staging = mkdtempSync(join(tmpdir(), "surgedesk-web-"));
    execFileSync(process.execPath, [join(webDir, "node_modules/vite/bin/vite.js"), "build", "--outDir", staging, "--emptyOutDir", "--logLevel", "error"], {
      cwd: webDir,
      stdio: "inherit",
    });
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
    return outDir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** mkdir is atomic: one caller creates the lock. A lock left by a killed run is taken over. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > abandonedAfterMs) rmSync(lock, { recursive: true, force: true });
    } catch {
      // Released meanwhile: the next round looks again.
    }
    return false;
  }
}

function hashOfBuildInputs(): string {
  const hash = createHash("sha256");
  for (const file of buildInputs.flatMap(filesUnder).sort()) {
    // The router plugin rewrites its generated route tree during a build: it follows the route files.
    if (file.endsWith(".gen.ts")) continue;
    hash.update(relative(repoRoot, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => filesUnder(join(path, entry.name)));
}
