import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export interface PostgresInstall {
  binDir: string;
  shareDir: string;
  pkgLibDir: string;
}

const PREFERRED_BIN_DIR = "/usr/lib/postgresql/15/bin";

/** The PostgreSQL server binaries to start test servers with, or undefined when none are installed. */
export function findPostgresInstall(): PostgresInstall | undefined {
  const binDir = [PREFERRED_BIN_DIR, pgConfig("pg_config", "--bindir")].find(
    (dir) => dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres")),
  );
  if (!binDir) return undefined;
  const ownPgConfig = join(binDir, "pg_config");
  const config = existsSync(ownPgConfig) ? ownPgConfig : "pg_config";
  const shareDir = pgConfig(config, "--sharedir");
  const pkgLibDir = pgConfig(config, "--pkglibdir");
  if (!shareDir || !pkgLibDir) return undefined;
  return { binDir, shareDir, pkgLibDir };
}

export function hasExtension(install: PostgresInstall, name: string): boolean {
  return existsSync(join(install.shareDir, "extension", `${name}.control`));
}

function pgConfig(command: string, flag: string): string | undefined {
  try {
    return execFileSync(command, [flag], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}
