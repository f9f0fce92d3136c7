import { databaseUrlFromEnv } from "../../api/src/config.ts";

/**
 * True when the suite runs on PostgreSQL (DATABASE_URL set). A test that runs a server on a PGlite
 * DATA_DIR of its own, whatever the environment, does the same in both of CI's passes: it skips
 * this one and runs in the PGlite pass.
 */
export const isPostgresPass = databaseUrlFromEnv() !== undefined;
