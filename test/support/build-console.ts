import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../api/src/lib/repo-paths.ts";

/** Builds the console into a fresh directory, so browser tests never serve a stale build. */
export function buildConsole(): string {
  const outDir = mkdtempSync(join(tmpdir(), "surgedesk-web-"));
  const webDir = join(repoRoot, "web");
  execFileSync(process.execPath, [join(webDir, "node_modules/vite/bin/vite.js"), "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], {
    cwd: webDir,
    stdio: "inherit",
  });
  return outDir;
}
