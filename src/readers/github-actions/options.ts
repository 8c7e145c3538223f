import type { Healthcheck } from "../compose/model.js";
import { shellWords } from "../compose/shell-words.js";

/**
 * A workflow service's `options:`, the `docker create` flags GitHub passes through. The health flags
 * become a healthcheck in compose's shape (`--health-cmd` runs in a shell, hence CMD-SHELL); every other
 * flag is kept as written, one entry per flag with its values, for the report.
 */
export interface DockerOptions {
  healthcheck?: Healthcheck;
  /** Flags other than the health ones, e.g. "--tmpfs /var/lib/postgresql/data". */
  other: string[];
}

type DurationField = "interval" | "timeout" | "start_period" | "start_interval";

const HEALTH_FLAGS: Readonly<Record<string, "test" | "retries" | DurationField>> = {
  "--health-cmd": "test",
  "--health-interval": "interval",
  "--health-timeout": "timeout",
  "--health-retries": "retries",
  "--health-start-period": "start_period",
  "--health-start-interval": "start_interval",
};

export function parseDockerOptions(text: string): DockerOptions {
  const healthcheck: Healthcheck = {};
  const other: string[] = [];
  for (const [flag, values] of flagGroups(shellWords(text))) {
    const field = HEALTH_FLAGS[flag];
    const value = values.join(" ");
    if (flag === "--no-healthcheck") healthcheck.disable = true;
    else if (field === "test") healthcheck.test = ["CMD-SHELL", value];
    else if (field === "retries") healthcheck.retries = Number.parseInt(value, 10);
    else if (field) healthcheck[field] = value;
    else other.push([flag, ...values.map(quoteIfNeeded)].join(" "));
  }
  return Object.keys(healthcheck).length > 0 ? { healthcheck, other } : { other };
}

/** `--flag value`, `--flag=value` and bare `--flag`, in order; words before any flag are kept alone. */
function flagGroups(words: readonly string[]): Array<[string, string[]]> {
  const groups: Array<[string, string[]]> = [];
  for (const word of words) {
    if (word.startsWith("-")) {
      const separator = word.indexOf("=");
      groups.push(separator > 0 ? [word.slice(0, separator), [word.slice(separator + 1)]] : [word, []]);
    } else {
      const last = groups.at(-1);
      if (last) last[1].push(word);
      else groups.push([word, []]);
    }
  }
  return groups;
}

function quoteIfNeeded(value: string): string {
  return /[\s"']/.test(value) ? JSON.stringify(value) : value;
}
