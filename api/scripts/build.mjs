#!/usr/bin/env node
// The API's production build: dist/ holds JavaScript that plain `node dist/server.js` runs.
//  - src/ (without tests) compiled by tsc, laid out as src/ is, so every path a module finds
//    from its own location (models, migrations, the console's build) holds in both;
//  - the migrations beside the compiled database client;
//  - @surgedesk/shared, which the workspace consumes as TypeScript source, compiled into
//    dist/node_modules/@surgedesk/shared: Node's resolution looks there first from dist/, so the
//    built server never reaches the TypeScript package.
import { execFileSync } from "node:child_process";
import { cpSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const apiDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(apiDir, "dist");
const sharedOut = join(dist, "node_modules/@surgedesk/shared");
const tscBin = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const tsc = (...args) => execFileSync(process.execPath, [tscBin, ...args], { cwd: apiDir, stdio: "inherit" });

rmSync(dist, { recursive: true, force: true });
tsc("-p", "tsconfig.build.json");
cpSync(join(apiDir, "src/db/migrations"), join(dist, "db/migrations"), { recursive: true });
tsc("-p", "../shared/tsconfig.build.json", "--outDir", sharedOut);
writeFileSync(join(sharedOut, "package.json"), `${JSON.stringify({ name: "@surgedesk/shared", type: "module", exports: "./index.js" }, null, 2)}\n`);
console.log(`built ${dist}`);
