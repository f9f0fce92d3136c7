import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Label } from "@surgedesk/shared";

export interface FitRequest {
  corrections: { text: string; label: Label; weight: number }[];
  dataSha256: string;
}

export type FitReply =
  | { type: "progress"; fraction: number }
  | { type: "done"; artifact: string; rows: number }
  | { type: "error"; message: string };

/** A fit that has not answered in this long is stuck: it is killed and the run fails. */
export const FIT_TIMEOUT_MS = 5 * 60_000;

const API_DIR = fileURLToPath(new URL("../../", import.meta.url));
// Run from source (tsx, tests), the child reads fit-child.ts through tsx too; the built server
// has fit-child.js beside this file.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const ENTRY = fileURLToPath(new URL(FROM_SOURCE ? "./fit-child.ts" : "./fit-child.js", import.meta.url));

/**
 * Runs `fit-child` in a child process and resolves with the artifact's JSON. Progress arrives
 * as it is made.
 */
export function fitInChild(request: FitRequest, onProgress: (fraction: number) => void): Promise<{ artifact: string; rows: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], {
      cwd: API_DIR,
      execArgv: FROM_SOURCE ? ["--import", "tsx"] : [],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString("utf8");
    });
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(() => reject(new Error(`the fit did not finish within ${FIT_TIMEOUT_MS / 1000} s`)));
    }, FIT_TIMEOUT_MS);
    child.on("message", (reply: FitReply) => {
      if (reply.type === "progress") onProgress(reply.fraction);
      else if (reply.type === "done") finish(() => resolve({ artifact: reply.artifact, rows: reply.rows }));
      else finish(() => reject(new Error(reply.message)));
    });
    child.on("error", (error) => finish(() => reject(error)));
    child.on("exit", (code) =>
      finish(() => reject(new Error(`the fit process exited with code ${code} before answering${stderr ? `: ${stderr.trim().slice(0, 500)}` : ""}`))),
    );
    child.send(request);
  });
}
