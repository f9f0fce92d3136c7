import pg from "pg";

/** Runs `fn` on a connection of its own to the server of `databaseUrl` (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function withAdminClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `databaseUrl` pointed at another database on the same server. */
export function databaseUrlNamed(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
