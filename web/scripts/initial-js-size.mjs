// The console's initial JavaScript, gzipped: what a browser downloads before the first screen —
// the entry, what it imports, the signed-in layout (the navigation) and the inbox route's chunks
// (the console opens on the inbox). Builds into a temporary directory so the number is of the current source.
//
//   pnpm size:console
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET = 200 * 1024;
const webDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = mkdtempSync(join(tmpdir(), "surgedesk-size-"));
try {
  execFileSync(process.execPath, [join(webDir, "node_modules/vite/bin/vite.js"), "build", "--manifest", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], {
    cwd: webDir,
    stdio: "inherit",
  });
  // Everything the entry imports, and everything the signed-in layout and the inbox (where the console opens) import.
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8"));
  const wanted = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || wanted.has(chunk.file)) return;
    wanted.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry || /routes\/_signed-in(\.tsx|\/inbox)/.test(key)) visit(key);
  const files = [...wanted].filter((file) => file.endsWith(".js"));
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = readFileSync(join(outDir, file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzipped += gz;
    console.log(`${file.padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} kB  ${(gz / 1024).toFixed(1).padStart(7)} kB gzipped`);
  }
  console.log(`initial JavaScript: ${(raw / 1024).toFixed(1)} kB, ${(gzipped / 1024).toFixed(1)} kB gzipped (budget ${BUDGET / 1024} kB)`);
  if (gzipped > BUDGET) process.exitCode = 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
