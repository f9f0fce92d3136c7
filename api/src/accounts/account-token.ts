import type { Config } from "../config.ts";
import { openSecret, sealSecret } from "../lib/secret-box.ts";

function requireKey(config: Config): Buffer {
  if (!config.encryptionKey) {
    throw new Error("ENCRYPTION_KEY is not set: access tokens cannot be stored or read.");
  }
  return config.encryptionKey;
}

export const sealAccessToken = (config: Config, token: string) => sealSecret(token, requireKey(config));
export const openAccessToken = (config: Config, sealed: string) => openSecret(sealed, requireKey(config));
