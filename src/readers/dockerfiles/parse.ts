import type { Healthcheck } from "../compose/model.js";
import { shellWords } from "../compose/shell-words.js";
import type { SourceLocation } from "../source.js";

/**
 * What a Dockerfile tells a migration: its stages (build targets) and base images, the build arguments it
 * accepts, and per stage the ports it exposes, its working folder, user, command and healthcheck.
 * Instructions are read after joining continuation lines (the `# escape=` directive is honoured) and
 * skipping heredoc bodies; instructions that say nothing of that kind are not kept.
 */
export interface DockerfileInfo {
  path: string;
  /** Compose services whose `build:` uses it. */
  usedBy: string[];
  /** ARGs before the first FROM: usable in FROM lines. */
  args: DockerArg[];
  stages: DockerStage[];
}

export interface DockerArg {
  name: string;
  default?: string;
  at: SourceLocation;
}

export interface DockerStage {
  name?: string;
  from: string;
  platform?: string;
  at: SourceLocation;
  args: DockerArg[];
  expose: DockerPort[];
  /** Names of the variables ENV sets (their values stay in the image). */
  env: string[];
  workdir?: string;
  user?: string;
  /** Exec form as a list of words; shell form as the string written. */
  cmd?: string[] | string;
  entrypoint?: string[] | string;
  healthcheck?: Healthcheck;
}

export interface DockerPort {
  /** As written: "8000", "8000-8010", or "${PORT}". */
  port: string;
  protocol: "tcp" | "udp";
  at: SourceLocation;
}

interface Instruction {
  keyword: string;
  text: string;
  at: SourceLocation;
}

export function parseDockerfile(text: string, path: string): DockerfileInfo {
  const info: DockerfileInfo = { path, usedBy: [], args: [], stages: [] };
  for (const instruction of instructions(text, path)) apply(info, instruction);
  return info;
}

function apply(info: DockerfileInfo, { keyword, text, at }: Instruction): void {
  if (keyword === "FROM") {
    info.stages.push(stage(text, at));
    return;
  }
  const current = info.stages.at(-1);
  if (keyword === "ARG") {
    (current ? current.args : info.args).push(...args(text, at));
    return;
  }
  if (!current) return;
  if (keyword === "EXPOSE") current.expose.push(...ports(text, at));
  else if (keyword === "ENV") current.env.push(...envNames(text));
  else if (keyword === "WORKDIR") current.workdir = text;
  else if (keyword === "USER") current.user = text;
  else if (keyword === "CMD") current.cmd = commandForm(text);
  else if (keyword === "ENTRYPOINT") current.entrypoint = commandForm(text);
  else if (keyword === "HEALTHCHECK") current.healthcheck = healthcheck(text);
}

function stage(text: string, at: SourceLocation): DockerStage {
  const words = text.split(/\s+/).filter((word) => word !== "");
  const platform = words.find((word) => word.startsWith("--platform="))?.slice("--platform=".length);
  const rest = words.filter((word) => !word.startsWith("--"));
  const result: DockerStage = { from: rest[0] ?? "", at, args: [], expose: [], env: [] };
  if (rest[1]?.toUpperCase() === "AS" && rest[2]) result.name = rest[2];
  if (platform) result.platform = platform;
  return result;
}

function args(text: string, at: SourceLocation): DockerArg[] {
  return shellWords(text).map((word) => {
    const separator = word.indexOf("=");
    if (separator < 0) return { name: word, at };
    return { name: word.slice(0, separator), default: word.slice(separator + 1), at };
  });
}

function ports(text: string, at: SourceLocation): DockerPort[] {
  return text
    .split(/\s+/)
    .filter((word) => word !== "")
    .map((word) => {
      const [port = "", protocol] = word.split("/");
      return { port, protocol: protocol?.toLowerCase() === "udp" ? "udp" : "tcp", at };
    });
}

/** `ENV A=1 B=2`, or the old `ENV A value with spaces`. */
function envNames(text: string): string[] {
  const words = shellWords(text);
  if (words[0]?.includes("=")) return words.map((word) => word.split("=")[0] ?? "");
  return words[0] ? [words[0]] : [];
}

function commandForm(text: string): string[] | string {
  if (text.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((word) => typeof word === "string")) return parsed;
    } catch {
      // Not valid JSON: Docker then runs it in a shell, as written.
    }
  }
  return text;
}

const HEALTH_OPTIONS: Readonly<Record<string, "interval" | "timeout" | "start_period" | "start_interval">> = {
  "--interval": "interval",
  "--timeout": "timeout",
  "--start-period": "start_period",
  "--start-interval": "start_interval",
};

function healthcheck(text: string): Healthcheck {
  if (text.toUpperCase() === "NONE") return { test: ["NONE"] };
  const check: Healthcheck = {};
  let rest = text;
  for (let option = /^(--[\w-]+)=(\S+)\s*/.exec(rest); option; option = /^(--[\w-]+)=(\S+)\s*/.exec(rest)) {
    const [whole, name = "", value = ""] = option;
    const field = HEALTH_OPTIONS[name];
    if (field) check[field] = value;
    if (name === "--retries") check.retries = Number.parseInt(value, 10);
    rest = rest.slice(whole.length);
  }
  const command = rest.replace(/^CMD\s+/i, "");
  const form = commandForm(command);
  check.test = Array.isArray(form) ? ["CMD", ...form] : ["CMD-SHELL", form];
  return check;
}

function instructions(text: string, path: string): Instruction[] {
  const lines = text.replaceAll("\r\n", "\n").split("\n");
  const continuation = escapeCharacter(lines);
  const result: Instruction[] = [];
  for (let index = 0; index < lines.length; index++) {
    const first = lines[index]?.trim() ?? "";
    if (first === "" || first.startsWith("#")) continue;
    const at = {
      file: path,
      line: index + 1,
      column: (lines[index]?.length ?? 0) - (lines[index]?.trimStart().length ?? 0) + 1,
    };
    let joined = "";
    let line = first;
    while (line.endsWith(continuation) && index + 1 < lines.length) {
      joined += `${line.slice(0, -1)} `;
      index++;
      line = (lines[index] ?? "").trim();
      while (line.startsWith("#") && index + 1 < lines.length) line = (lines[++index] ?? "").trim();
    }
    joined += line;
    const match = /^(\S+)\s*(.*)$/s.exec(joined.trim());
    if (!match) continue;
    result.push({ keyword: (match[1] ?? "").toUpperCase(), text: (match[2] ?? "").trim(), at });
    index = skipHeredoc(lines, index, joined);
  }
  return result;
}

function escapeCharacter(lines: readonly string[]): string {
  for (const line of lines) {
    const directive = /^#\s*escape\s*=\s*(\S)\s*$/i.exec(line.trim());
    if (directive) return directive[1] ?? "\\";
    if (!/^#\s*\w+\s*=/.test(line.trim())) break;
  }
  return "\\";
}

/** `RUN <<EOF` ... `EOF`: the body is not instructions. */
function skipHeredoc(lines: readonly string[], index: number, instruction: string): number {
  const heredoc = /<<(-?)["']?([A-Za-z_][\w]*)["']?/.exec(instruction);
  if (!heredoc) return index;
  const [, dash, delimiter] = heredoc;
  let next = index + 1;
  while (next < lines.length) {
    const line = lines[next] ?? "";
    if ((dash ? line.trim() : line) === delimiter) return next;
    next++;
  }
  return next;
}
