import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** The secrets demo mode makes up when the environment gives none, kept so a restart agrees with them. */
const demoSecretsSchema = z.object({
  instagramAppSecret: z.string().min(1),
  tiktokClientSecret: z.string().min(1),
  tiktokShopAppSecret: z.string().min(1),
  /** 32 bytes, hex. */
  encryptionKey: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DemoSecrets = z.infer<typeof demoSecretsSchema>;

export const DEMO_SECRETS_FILE = "demo-secrets.json";

/**
 * Demo mode's generated webhook secrets and encryption key, from `dataDir/demo-secrets.json`
 * (mode 0600), made on the first start. Random per process, a restart could no longer open the
 * account tokens it had sealed. Two processes starting at once agree: the file is created with
 * an atomic link that fails when another process got there first, which then reads its secrets.
 */
export function loadDemoSecrets(dataDir: string): DemoSecrets {
  const path = join(dataDir, DEMO_SECRETS_FILE);
  const existing = readSecrets(path);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const fresh: DemoSecrets = {
    instagramAppSecret: randomBytes(32).toString("hex"),
    tiktokClientSecret: randomBytes(32).toString("hex"),
    tiktokShopAppSecret: randomBytes(32).toString("hex"),
    encryptionKey: randomBytes(32).toString("hex"),
  };
  const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(draft, JSON.stringify(fresh, null, 2) + "\n", { mode: 0o600 });
  try {
    linkSync(draft, path);
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readSecrets(path)!;
  } finally {
    rmSync(draft, { force: true });
  }
}

function readSecrets(path: string): DemoSecrets | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  // Secrets readable by others are made private again.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  let parsed: ReturnType<typeof demoSecretsSchema.safeParse>;
  try {
    parsed = demoSecretsSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = demoSecretsSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    throw new Error(`${path} is not a demo secrets file Surgedesk wrote; restore it, or remove it to start afresh (what the demo encrypted with it is then lost).`);
  }
  return parsed.data;
}
