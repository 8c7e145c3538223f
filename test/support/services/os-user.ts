import { readFileSync } from "node:fs";

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

const POSTGRES_OS_USER = "postgres";

/**
 * initdb and postgres refuse to run as root. As root the servers therefore run as the `postgres` OS
 * user (the Debian packages create it); as anyone else they run as the current user (undefined).
 */
export function postgresOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const user = findOsUser(POSTGRES_OS_USER);
  if (!user)
    throw new Error(`running as root, and there is no '${POSTGRES_OS_USER}' OS user to run initdb as`);
  return user;
}

function findOsUser(name: string): OsUser | undefined {
  let passwd: string;
  try {
    passwd = readFileSync("/etc/passwd", "utf8");
  } catch {
    return undefined;
  }
  for (const line of passwd.split("\n")) {
    const [userName, , uid, gid] = line.split(":");
    if (userName === name && uid && gid) return { name, uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}
