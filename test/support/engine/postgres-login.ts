import pg from "pg";
import type { PostgresLogin } from "./service-kind.js";
import type { RealServices } from "./types.js";

type AdminConnection = NonNullable<RealServices["postgres"]>;

/** Errors another process creating the same role or database at the same time can cause. */
const RACE_CODES = new Set([
  "42710", // duplicate_object: role created meanwhile
  "42P04", // duplicate_database
  "23505", // unique_violation in pg_authid / pg_database
  "XX000", // tuple concurrently updated
  "55006", // template1 is being accessed by other users
]);
const ATTEMPTS = 5;

/**
 * Makes the real server accept what the official postgres image would: a SUPERUSER LOGIN role with the
 * requested password, owning the requested database. The admin role itself is never altered.
 */
export async function ensurePostgresLogin(admin: AdminConnection, login: PostgresLogin): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdminClient(admin, (client) => applyLogin(client, admin, login));
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS || !RACE_CODES.has(errorCode(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

async function applyLogin(client: pg.Client, admin: AdminConnection, login: PostgresLogin): Promise<void> {
  const role = client.escapeIdentifier(login.user);
  if (login.user !== admin.adminUser) {
    const password = login.password === undefined ? "NULL" : client.escapeLiteral(login.password);
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [login.user]);
    const verb = exists.rowCount ? "ALTER" : "CREATE";
    await client.query(`${verb} ROLE ${role} WITH SUPERUSER LOGIN PASSWORD ${password}`);
  }
  const database = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [login.database]);
  if (!database.rowCount) {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(login.database)} OWNER ${role}`);
  }
}

async function withAdminClient<T>(
  admin: AdminConnection,
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    host: admin.host,
    port: admin.port,
    user: admin.adminUser,
    database: "postgres",
    ...(admin.adminPassword === undefined ? {} : { password: admin.adminPassword }),
  });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function errorCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
}
