/**
 * Credentials among env values, recognised by the variable's name or by the value's shape. A credential is
 * never written to generated code, the manifest or the terminal: the stack reads it where it runs, from the
 * host environment, as a Dagger secret (`env://NAME`, which the generated builders pass to
 * `dag.secret("env://NAME")`).
 */

/** Name parts that say "this is a credential", matched as whole parts so MONKEY or KEYBOARD are not. */
const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([
  "PASSWORD",
  "PASSWD",
  "PASS",
  "PWD",
  "PW",
  "PASSPHRASE",
  "SECRET",
  "TOKEN",
  "KEY",
  "APIKEY",
  "JWT",
  "CREDENTIAL",
  "CREDS",
  "DSN",
  "COOKIE",
  "SALT",
]);

/** A part that ends in one of these is a credential too: DBPASSWORD, AUTHTOKEN, PRIVATEKEY, CLIENTSECRET. */
const CREDENTIAL_SUFFIX = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|PRIVATEKEY|SECRETKEY|ACCESSKEY)$/;

/** A last part that names something about a credential rather than the credential: PASSWORD_FILE, KEY_ID. */
const ABOUT_A_CREDENTIAL: ReadonlySet<string> = new Set([
  "FILE",
  "PATH",
  "DIR",
  "URL",
  "URI",
  "HOST",
  "PORT",
  "ID",
  "NAME",
  "LENGTH",
  "TTL",
]);

/** `DB_PASS`, `dbPassword`, `API-KEY2` → their parts, upper case, trailing digits dropped. */
function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.toUpperCase().replace(/\d+$/, ""))
    .filter(Boolean);
}

export function isCredentialName(name: string): boolean {
  const parts = nameParts(name);
  if (ABOUT_A_CREDENTIAL.has(parts.at(-1) ?? "")) return false;
  return parts.some(isCredentialPart);
}

function isCredentialPart(part: string): boolean {
  const singular = part.replace(/S$/, "");
  return CREDENTIAL_WORDS.has(part) || CREDENTIAL_WORDS.has(singular) || CREDENTIAL_SUFFIX.test(singular);
}

interface CredentialShape {
  what: string;
  pattern: RegExp;
  /** The text shown instead of a match, given the match and its groups. */
  mask: (match: string, ...groups: string[]) => string;
}

const hidden = () => "<hidden>";

/** Shapes of credential values, matched anywhere in a text (global patterns, for masking every match). */
const SHAPES: readonly CredentialShape[] = [
  {
    what: "a URL with a password",
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:)([^\s@/?#]+)@/gi,
    mask: (_, userPart) => `${userPart}<hidden>@`,
  },
  { what: "a JSON Web Token", pattern: /\beyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g, mask: hidden },
  {
    what: "a PEM block",
    pattern: /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g,
    mask: hidden,
  },
  {
    what: "an API key",
    pattern:
      /\b(sk-(?:ant-|proj-)?[\w-]{16,}|(?:sk|rk)_(?:live|test)_\w{16,}|gh[pousr]_\w{30,}|github_pat_\w{30,}|glpat-[\w-]{20,}|xox[abposr]-[\w-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[\w-]{35}|npm_\w{36}|hf_\w{30,})/g,
    mask: hidden,
  },
];

/** What kind of credential `value` holds, e.g. "a URL with a password"; undefined when it looks like none. */
export function credentialShape(value: string): string | undefined {
  return SHAPES.find((shape) => new RegExp(shape.pattern.source, shape.pattern.flags).test(value))?.what;
}

/** Why an env value is a credential, for a note; undefined when it is not one. */
export function credentialReason(name: string, value: string): string | undefined {
  const shape = credentialShape(value);
  if (shape) return `its value is ${shape}`;
  return isCredentialName(name) ? "its name says it is a credential" : undefined;
}

/** `text` with every credential-shaped part replaced, so that an error or a note never shows one. */
export function maskCredentials(text: string): string {
  return SHAPES.reduce((masked, shape) => masked.replace(shape.pattern, shape.mask), text);
}
