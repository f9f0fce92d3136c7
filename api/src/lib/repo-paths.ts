import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, found from this file so scripts work from any working directory. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
export const fixturesDir = join(repoRoot, "fixtures");
