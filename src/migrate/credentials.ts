/**
 * What counts as a credential in a project's environment: a variable whose name says so, or a URL that
 * carries user:password. Their values are never written into the spec, generated code or the report.
 */
const CREDENTIAL_NAME =
  /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|(^|_)KEY$|(^|_)PASS$)/i;

/** Names that look like it but hold no secret: a public key, a path to a file that holds one. */
const NOT_CREDENTIAL = /(PUBLIC_?KEY|PRIMARY_?KEY|KEY_PREFIX|_FILE$|_PATH$)/i;

export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name) && !NOT_CREDENTIAL.test(name);
}

/** `scheme://user:password@host:port/path?query#fragment`, each part as written. */
export interface UrlParts {
  scheme: string;
  user?: string;
  password?: string;
  host: string;
  port?: string;
  path?: string;
  query?: string;
  fragment?: string;
}

const URL_PATTERN =
  /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?([^:/?#@]+)(?::(\d+))?(\/[^?#]*)?(\?[^#]*)?(#.*)?$/;

export function parseUrl(value: string): UrlParts | undefined {
  const match = URL_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const [, scheme = "", user, password, host = "", port, path, query, fragment] = match;
  const parts: UrlParts = { scheme, host };
  if (user !== undefined && user !== "") parts.user = user;
  if (password !== undefined) parts.password = password;
  if (port !== undefined) parts.port = port;
  if (path !== undefined && path !== "") parts.path = path;
  if (query !== undefined) parts.query = query;
  if (fragment !== undefined) parts.fragment = fragment;
  return parts;
}

export function urlHasPassword(value: string): boolean {
  const parts = parseUrl(value);
  return parts?.password !== undefined && parts.password !== "";
}

/** Whether a value is secret: by its variable's name, or because it is a URL with a password in it. */
export function isCredential(name: string, value: string): boolean {
  return isCredentialName(name) || urlHasPassword(value);
}

/**
 * Development defaults so common that finding one elsewhere is chance, not a leak: `POSTGRES_PASSWORD:
 * postgres` must not make `DB_USER: postgres` or the command `postgres -c ...` a secret.
 */
const COMMON_DEFAULTS = new Set([
  "postgres",
  "mysql",
  "mariadb",
  "mongo",
  "redis",
  "password",
  "secret",
  "example",
  "changeme",
  "root",
  "admin",
  "guest",
  "test",
  "app",
  "user",
  "minioadmin",
]);

/** A value distinctive enough that finding it in another value means that value carries it. */
export function isDistinctive(secret: string): boolean {
  if (COMMON_DEFAULTS.has(secret.toLowerCase())) return false;
  return secret.length >= 12 || (secret.length >= 6 && /[^A-Za-z]/.test(secret));
}

/** Whether `text` gives away one of the credential values: a distinctive one, whole or inside it. */
export function revealsCredential(text: string, secrets: Iterable<string>): boolean {
  for (const secret of secrets) {
    if (isDistinctive(secret) && text.includes(secret)) return true;
  }
  return false;
}
