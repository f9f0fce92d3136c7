import type { UserRole } from "@surgedesk/shared";
import type { DatabaseHandle } from "@surgedesk/api/db/client.ts";
import { apiTokens, users } from "@surgedesk/api/db/schema/index.ts";
import { hashSecretToken, newSecretToken } from "@surgedesk/api/auth/secret-token.ts";
import { newId } from "@surgedesk/api/lib/ids.ts";

/** A fresh, uniquely named user with an API token: tests never share seed users. */
export async function createUserWithToken(database: DatabaseHandle, workspaceId: string, role: UserRole): Promise<string> {
  const id = newId("user");
  await database.db.insert(users).values({ id, workspaceId, email: `${id.toLowerCase()}@test.surgedesk.test`, name: `Test ${role}`, role });
  const token = newSecretToken("sdt");
  await database.db.insert(apiTokens).values({ id: newId("tok"), userId: id, name: "test", tokenHash: hashSecretToken(token) });
  return token;
}
