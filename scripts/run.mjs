#!/usr/bin/env node
// One entry point for the root scripts, so that `npm start` and `npm test` work on a machine
// that has only Node and npm: it installs the workspace with a pinned pnpm when needed, then
// runs the task. With pnpm installed, `pnpm <task>` goes through the same path.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

function hasPnpmOnPath() {
  return spawnSync("pnpm", ["--version"], { stdio: "ignore", shell: process.platform === "win32" }).status === 0;
}

const pnpm = hasPnpmOnPath() ? ["pnpm"] : ["npx", "--yes", packageManager];

function run(args, extraEnv = {}) {
  const [cmd, ...rest] = [...pnpm, ...args];
  const result = spawnSync(cmd, rest, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...extraEnv },
    shell: process.platform === "win32",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureInstalled() {
  if (existsSync(join(root, "node_modules", ".modules.yaml"))) return;
  console.log("[surgedesk] installing dependencies…");
  run(["install", "--frozen-lockfile"]);
}

const builds = [
  { pkg: "@surgedesk/web", output: "web/dist/index.html" },
  { pkg: "@surgedesk/api", output: "api/dist/server.js" },
];

const tasks = {
  // Runs the production build with plain Node, building first what is not built yet (after
  // changing the code: `pnpm build`, or `pnpm dev` while working on it).
  start: () => {
    for (const { pkg, output } of builds) if (!existsSync(join(root, output))) run(["--filter", pkg, "build"]);
    run(["--filter", "@surgedesk/api", "start"]);
  },
  dev: () =>
    run([
      "exec",
      "concurrently",
      "--kill-others",
      "--names",
      "api,web",
      `${pnpm.join(" ")} --filter @surgedesk/api dev`,
      `${pnpm.join(" ")} --filter @surgedesk/web dev`,
    ]),
  build: () => builds.forEach(({ pkg }) => run(["--filter", pkg, "build"])),
  test: () => run(["exec", "vitest", "run", ...process.argv.slice(3)]),
  typecheck: () => {
    run(["-r", "--no-bail", "typecheck"]);
    run(["exec", "tsc", "-p", "tsconfig.json"]);
  },
  lint: () => {
    run(["exec", "eslint", "--max-warnings=0", "."]);
    // The boundaries between parts (platforms, features, test rig, console, shared).
    run(["exec", "depcruise", "api/src", "web/src", "shared/src", "--config", ".dependency-cruiser.cjs"]);
  },
};

const task = process.argv[2];
if (!task || !(task in tasks)) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(tasks).join("|")}>`);
  process.exit(2);
}
ensureInstalled();
tasks[task]();
