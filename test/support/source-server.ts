import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../../api/src/lib/repo-paths.ts";

export interface SourceServer {
  url: string;
  child: ChildProcess;
  /** What the process has printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when a signal ended it) once the process is gone. */
  exited: Promise<number | null>;
  /** Resolves once stdout has matched `pattern`. */
  printed(pattern: RegExp): Promise<void>;
}

/**
 * The API's entry point run from source (`node --import tsx api/src/server.ts`), as an operator
 * runs it, in a process of its own with only the given environment plus PATH. Resolves once the
 * server says where it is listening.
 */
export async function startSourceServer(env: Record<string, string>): Promise<SourceServer> {
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "api/src/server.ts")], {
    cwd: join(repoRoot, "api"),
    env: { PATH: process.env.PATH, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    for (const waiter of waiters.filter((w) => w.pattern.test(stdout))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(stdout)) return resolve();
      waiters.push({ pattern, resolve });
      void exited.then(() => reject(new Error(`the server exited before printing ${pattern}:\n${stdout}\n${stderr}`)));
    });
  // The whole address: a chunk may end inside it.
  await printed(/running at http:\/\/\S+\s/);
  const url = /running at (http:\/\/\S+)\s/.exec(stdout)![1]!;
  return { url, child, stdout: () => stdout, stderr: () => stderr, exited, printed };
}
