import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../api/src/lib/repo-paths.ts";

export interface BuiltServer {
  url: string;
  /** Every module URL the process has loaded so far. */
  loadedModules(): string[];
  /** Everything the server has written to stderr (its JSON log lines) so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * The production build as it is run: `node api/dist/server.js`, in a process of its own with
 * only the given environment (plus a fresh PGlite directory and a free port), recording which
 * modules it loads. Resolves once the server says where it is listening.
 */
export async function startBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  const dir = mkdtempSync(join(tmpdir(), "surgedesk-built-"));
  const record = join(dir, "loaded-modules.txt");
  writeFileSync(record, "");
  const child = spawn(
    process.execPath,
    ["--import", join(repoRoot, "test/support/record-loaded-modules.mjs"), join(repoRoot, "api/dist/server.js")],
    {
      cwd: dir,
      env: { PATH: process.env.PATH, PORT: "0", HOST: "127.0.0.1", DATA_DIR: join(dir, "data"), RECORD_LOADED_MODULES: record, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const running = /running at (http:\/\/\S+)/.exec(stdout);
      if (running) resolve(running[1]!);
    });
    child.on("exit", (code) => reject(new Error(`the built server exited (${code}) before listening:\n${stdout}\n${stderr}`)));
  });
  return {
    url,
    loadedModules: () => readFileSync(record, "utf8").split("\n").filter(Boolean),
    log: () => stderr,
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
