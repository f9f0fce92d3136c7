import { join, resolve } from "node:path";
import { repoRoot } from "./lib/repo-paths.ts";
import { loadDemoSecrets, type DemoSecrets } from "./demo-secrets.ts";
import { z } from "zod";
import { isValidAllowEntry } from "./outbound/address-policy.ts";

/**
 * Every environment variable Surgedesk reads, parsed and validated once. Nothing else in the
 * code reads `process.env` (a lint rule keeps it so).
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Default: 127.0.0.1 in demo mode (its logins are published), 0.0.0.0 otherwise. */
  HOST: z.string().min(1).optional(),
  /** postgres://… to use a PostgreSQL server; unset uses embedded PGlite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  /** PGlite's directory; relative paths are from the working directory. Default: `.data` at the repository root. */
  DATA_DIR: z.string().min(1).optional(),
  /**
   * Demo mode seeds a demo workspace and fixtures. On unless DEMO=false, NODE_ENV=production or a
   * real platform secret is set (those two only when DEMO is unset: DEMO=true keeps it on).
   */
  DEMO: z.enum(["true", "false"]).optional(),
  /** In demo mode, play a viral surge on the demo's TikTok video so the spike monitor has one to show. */
  DEMO_SURGE: z.enum(["true", "false"]).default("true"),
  NODE_ENV: z.string().optional(),
  INSTAGRAM_APP_SECRET: z.string().min(1).optional(),
  INSTAGRAM_VERIFY_TOKEN: z.string().min(1).optional(),
  /** Signs TikTok (Business Messaging) webhooks: `TikTok-Signature`. */
  TIKTOK_CLIENT_SECRET: z.string().min(1).optional(),
  TIKTOK_SHOP_APP_KEY: z.string().min(1).optional(),
  TIKTOK_SHOP_APP_SECRET: z.string().min(1).optional(),
  /** "Connect Instagram": the Instagram app's id (Instagram API with Instagram Login); its secret is INSTAGRAM_APP_SECRET. */
  INSTAGRAM_APP_ID: z.string().min(1).max(100).optional(),
  /** "Connect TikTok": the TikTok app's client key; its secret is TIKTOK_CLIENT_SECRET. */
  TIKTOK_CLIENT_KEY: z.string().min(1).max(100).optional(),
  /** "Connect TikTok Shop": the Partner Center app's service id (its authorization link names it). */
  TIKTOK_SHOP_SERVICE_ID: z.string().min(1).max(100).optional(),
  /** 32 bytes as 64 hex characters or base64: encrypts platform access tokens at rest. */
  ENCRYPTION_KEY: z.string().min(1).optional(),
  /** Platform API base URLs; overridable for a proxy or a regional host. */
  INSTAGRAM_GRAPH_URL: z.string().url().default("https://graph.instagram.com/v21.0"),
  TIKTOK_BUSINESS_API_URL: z.string().url().default("https://business-api.tiktok.com/open_api/v1.3"),
  TIKTOK_SHOP_API_URL: z.string().url().default("https://open-api.tiktokglobalshop.com"),
  /** Order context for replies: the shop's `*.myshopify.com` domain and an Admin API access token. */
  SHOPIFY_SHOP_DOMAIN: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i, "SHOPIFY_SHOP_DOMAIN must look like your-shop.myshopify.com")
    .optional(),
  SHOPIFY_ADMIN_TOKEN: z.string().min(1).optional(),
  SHOPIFY_API_VERSION: z.string().regex(/^\d{4}-\d{2}$/).default("2026-01"),
  /** Where the console is reached (https://desk.example.com), for links in outgoing alerts. */
  PUBLIC_URL: z.string().url().optional(),
  /** Name of the workspace created on first start when none exists. */
  WORKSPACE_NAME: z.string().min(1).max(200).optional(),
  /** The first admin, created (or given this password) on start. */
  ADMIN_EMAIL: z.string().trim().toLowerCase().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "use at least 10 characters").optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * Webhooks answer 503 with Retry-After while the oldest delivery not yet processed is older
   * than this (ingestion is behind): the lag stays bounded during a surge. 0: never refuse.
   */
  INGEST_MAX_LAG_S: z.coerce.number().min(0).max(3600).default(30),
  /** At SIGTERM/SIGINT, how long in-flight requests, ingest batches and sends get to finish. */
  SHUTDOWN_TIMEOUT_S: z.coerce.number().positive().max(3600).default(20),
  /** PostgreSQL: how long to wait for a connection from the pool, and the longest a statement may run (0: no limit). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Processed raw deliveries (personal data) are deleted this many days after processing. */
  RAW_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * How long a sent public reply may take to be seen public on the platform (a webhook or the next
   * poll) before it is marked "sent but not visible". TikTok's comment webhooks usually arrive
   * within 5 minutes, so the default allows twice that.
   */
  REPLY_VISIBILITY_TIMEOUT_S: z.coerce.number().int().min(10).max(7 * 24 * 3600).default(600),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** How many proxies of the operator's stand in front and append to X-Forwarded-For (0: trust none). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Hosts, IP addresses or CIDR ranges the server may reach at user-supplied URLs (the alert
   * webhook) although they are private, comma-separated: "hooks.internal,10.20.0.0/16".
   */
  OUTBOUND_ALLOW: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
    .refine((entries) => entries.every(isValidAllowEntry), "each entry must be a host name, an IP address or a CIDR range"),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoSurge: boolean;
  instagram: {
    /** Keys the X-Hub-Signature-256 HMAC. In demo mode without one, the generated one in DATA_DIR/demo-secrets.json. */
    appSecret: string | undefined;
    verifyToken: string | undefined;
  };
  tiktok: {
    clientSecret: string | undefined;
    shopAppKey: string | undefined;
    shopAppSecret: string | undefined;
  };
  /**
   * The apps accounts are connected through (OAuth): ids that are not secret. Their secrets are
   * the ones above; the redirect URI is built on `publicUrl`.
   */
  oauth: { instagramAppId: string | undefined; tiktokClientKey: string | undefined; tiktokShopServiceId: string | undefined };
  /** 32-byte key for tokens at rest; in demo mode when unset, the generated one in DATA_DIR/demo-secrets.json. */
  encryptionKey: Buffer | undefined;
  apiUrls: { instagramGraph: string; tiktokBusiness: string; tiktokShop: string };
  /** Shopify Admin API for order context; unset domain or token means replies get no order data. */
  shopify: { shopDomain: string | undefined; adminToken: string | undefined; apiVersion: string };
  /** The console's base URL without a trailing slash; alerts link to queues only when set. */
  publicUrl?: string | undefined;
  /** The first admin from ADMIN_EMAIL / ADMIN_PASSWORD, both or neither. */
  admin: { email: string; password: string } | undefined;
  sessionTtlMs: number;
  workspaceName: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Ingest batches in flight at once on PostgreSQL (PGlite, one connection, always runs one). */
  ingestConcurrency: number;
  /** Seconds of ingest lag past which webhooks are refused for a while (0: never). */
  ingestMaxLagSeconds: number;
  /** PostgreSQL pool: connection wait and statement timeout (0: none), in ms. */
  database: { connectTimeoutMs: number; statementTimeoutMs: number };
  /** Days a processed raw event is kept; unprocessed ones are never pruned. */
  rawEventRetentionDays: number;
  /** REPLY_VISIBILITY_TIMEOUT_S, in ms: a sent public reply not seen public by then is marked not visible. */
  replyVisibilityTimeoutMs: number;
  /** Proxies whose X-Forwarded-For entries are believed; 0 uses the socket's peer address. */
  trustProxyHops: number;
  /** Private hosts and ranges user-supplied URLs may still reach (OUTBOUND_ALLOW). */
  outboundAllow: string[];
  /** The bound on a graceful stop; past it the process exits with code 1. */
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {}

function parseKey(value: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) {
    throw new ConfigError("Invalid configuration:\n  ENCRYPTION_KEY: must be 32 bytes, as 64 hex characters or base64");
  }
  return key;
}

/**
 * DATABASE_URL alone, for tools that only need the database (the test rig): unlike `loadConfig`,
 * it never makes demo mode's secrets file.
 */
export function databaseUrlFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  const parsed = envSchema.shape.DATABASE_URL.safeParse(env.DATABASE_URL);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n  DATABASE_URL: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Set in the environment, any of these says a real deployment: demo mode stays off unless DEMO=true. */
const REAL_SECRETS = [
  "INSTAGRAM_APP_SECRET",
  "INSTAGRAM_VERIFY_TOKEN",
  "TIKTOK_CLIENT_SECRET",
  "TIKTOK_SHOP_APP_SECRET",
  "SHOPIFY_ADMIN_TOKEN",
  "ENCRYPTION_KEY",
] as const;

function demoSecretsIn(dataDir: string): DemoSecrets {
  try {
    return loadDemoSecrets(dataDir);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  DATA_DIR: demo mode keeps its generated secrets there: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new ConfigError("Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD: set both, or neither");
  }
  const demo = e.DEMO ? e.DEMO === "true" : e.NODE_ENV !== "production" && REAL_SECRETS.every((name) => !e[name]);
  const dataDir = e.DATA_DIR ? resolve(e.DATA_DIR) : join(repoRoot, ".data");
  // Kept in DATA_DIR (with DATABASE_URL too), so a restarted demo opens what it sealed.
  const generated = demo ? demoSecretsIn(dataDir) : undefined;
  return {
    port: e.PORT,
    host: e.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0"),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    demo,
    demoSurge: demo && e.DEMO_SURGE === "true",
    instagram: {
      appSecret: e.INSTAGRAM_APP_SECRET ?? generated?.instagramAppSecret,
      verifyToken: e.INSTAGRAM_VERIFY_TOKEN,
    },
    tiktok: {
      clientSecret: e.TIKTOK_CLIENT_SECRET ?? generated?.tiktokClientSecret,
      shopAppKey: e.TIKTOK_SHOP_APP_KEY ?? (demo ? "demo-shop-app-key" : undefined),
      shopAppSecret: e.TIKTOK_SHOP_APP_SECRET ?? generated?.tiktokShopAppSecret,
    },
    // Demo mode's emulated platforms know these apps, so "Connect" works there out of the box.
    oauth: {
      instagramAppId: e.INSTAGRAM_APP_ID ?? (demo ? "demo-instagram-app" : undefined),
      tiktokClientKey: e.TIKTOK_CLIENT_KEY ?? (demo ? "demo-tiktok-client-key" : undefined),
      tiktokShopServiceId: e.TIKTOK_SHOP_SERVICE_ID ?? (demo ? "demo-shop-service" : undefined),
    },
    encryptionKey: e.ENCRYPTION_KEY ? parseKey(e.ENCRYPTION_KEY) : generated && Buffer.from(generated.encryptionKey, "hex"),
    apiUrls: {
      instagramGraph: e.INSTAGRAM_GRAPH_URL.replace(/\/$/, ""),
      tiktokBusiness: e.TIKTOK_BUSINESS_API_URL.replace(/\/$/, ""),
      tiktokShop: e.TIKTOK_SHOP_API_URL.replace(/\/$/, ""),
    },
    // Demo mode answers these with the emulated shop.
    shopify: {
      shopDomain: e.SHOPIFY_SHOP_DOMAIN ?? (demo ? "glowbar-demo.myshopify.com" : undefined),
      adminToken: e.SHOPIFY_ADMIN_TOKEN ?? (demo ? "shpat_demo" : undefined),
      apiVersion: e.SHOPIFY_API_VERSION,
    },
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ""),
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    workspaceName: e.WORKSPACE_NAME ?? (demo ? "Glowbar (demo)" : "My brand"),
    logLevel: e.LOG_LEVEL,
    ingestConcurrency: e.INGEST_CONCURRENCY,
    ingestMaxLagSeconds: e.INGEST_MAX_LAG_S,
    rawEventRetentionDays: e.RAW_EVENT_RETENTION_DAYS,
    replyVisibilityTimeoutMs: e.REPLY_VISIBILITY_TIMEOUT_S * 1000,
    database: { connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS, statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS },
    trustProxyHops: e.TRUST_PROXY,
    outboundAllow: e.OUTBOUND_ALLOW,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_S * 1000,
  };
}
