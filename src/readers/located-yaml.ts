import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseAllDocuments,
  type Scalar,
  type YAMLMap,
} from "yaml";
import { type Problem, UsageError } from "../errors.js";
import { childPointer } from "./pointer.js";
import type { SourceLocation } from "./source.js";

/**
 * A YAML file as plain data, the way compose's loader sees it: anchors expanded, `<<:` merge keys applied
 * (explicit keys win, then the merged maps in order), and compose's `!reset` / `!override` tags kept as
 * markers for its merge. Beside the data, the place of every key and list item, by JSON pointer, so that
 * errors, variables and report entries can say where they come from.
 */
export interface LocatedDocument {
  file: string;
  data: Record<string, unknown>;
  positions: Map<string, SourceLocation>;
}

/** `!reset`: the key is removed from what earlier files declared. */
export class ResetTag {}

/** `!override`: the value replaces what earlier files declared instead of merging with it. */
export class OverrideTag {
  constructor(readonly value: unknown) {}
}

/** Aliases can multiply a small file into a huge tree ("billion laughs"); compose caps it too. */
const NODE_BUDGET = 1_000_000;

const COMPOSE_HINT = "fix the YAML there; `docker compose config` shows the same error";

/** A compose file's documents; a syntax error is a UsageError naming the file, line and column. */
export function parseComposeText(text: string, file: string): LocatedDocument[] {
  return parseLocatedYaml(text, file, COMPOSE_HINT);
}

export function parseLocatedYaml(text: string, file: string, hint: string): LocatedDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  const errors = list.flatMap((document) => document.errors);
  if (errors.length > 0) {
    throw new UsageError(
      errors.map((error) => syntaxProblem(file, lineCounter, error.pos[0], error.message, hint)),
      file,
    );
  }
  return list
    .filter((document) => document.contents !== null)
    .map((document) => toLocatedDocument(document, file, lineCounter, hint));
}

function toLocatedDocument(
  document: Document,
  file: string,
  lines: LineCounter,
  hint: string,
): LocatedDocument {
  const converter = new Converter(document, file, lines);
  const data = converter.value(document.contents, "");
  if (data === null || typeof data !== "object" || Array.isArray(data) || data instanceof ResetTag) {
    const at = converter.location(document.contents as Node);
    throw new UsageError(
      {
        path: `${file}:${at.line}:${at.column}`,
        message: "is not a mapping of keys",
        hint,
      },
      file,
    );
  }
  return { file, data: data as Record<string, unknown>, positions: converter.positions };
}

class Converter {
  readonly positions = new Map<string, SourceLocation>();
  private budget = NODE_BUDGET;

  constructor(
    private readonly document: Document,
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  location(node: Node | null | undefined): SourceLocation {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  value(node: unknown, pointer: string): unknown {
    if (--this.budget < 0) {
      const at = this.location(node as Node);
      throw new UsageError(
        {
          path: `${at.file}:${at.line}:${at.column}`,
          message: "expands to too many nodes through its aliases",
          hint: "use fewer nested anchors",
        },
        this.file,
      );
    }
    if (isAlias(node)) return this.value(node.resolve(this.document), pointer);
    const plain = this.untagged(node, pointer);
    const tag = (node as Node | undefined)?.tag;
    if (tag === "!reset") return new ResetTag();
    if (tag === "!override") return new OverrideTag(plain);
    return plain;
  }

  private untagged(node: unknown, pointer: string): unknown {
    if (isScalar(node)) return legacyOctal(node) ?? node.value;
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        const itemPointer = childPointer(pointer, index);
        this.positions.set(itemPointer, this.location(item as Node));
        return this.value(item, itemPointer);
      });
    }
    if (isMap(node)) return this.mapping(node, pointer);
    return null;
  }

  private mapping(node: YAMLMap, pointer: string): Record<string, unknown> {
    const explicit = new Set(node.items.filter((pair) => !isMergeKey(pair)).map((pair) => keyText(pair)));
    const result: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (isMergeKey(pair)) this.mergeInto(result, pair.value, pointer, explicit);
      else this.setPair(result, keyText(pair), pair, pointer);
    }
    return result;
  }

  private setPair(result: Record<string, unknown>, key: string, pair: Pair, pointer: string): void {
    const keyPointer = childPointer(pointer, key);
    this.positions.set(keyPointer, this.location(pair.key as Node));
    result[key] = this.value(pair.value, keyPointer);
  }

  /** `<<: *a` or `<<: [*a, *b]`: keys not written explicitly come from the first map that has them. */
  private mergeInto(
    result: Record<string, unknown>,
    source: unknown,
    pointer: string,
    explicit: ReadonlySet<string>,
  ): void {
    const resolved = isAlias(source) ? source.resolve(this.document) : source;
    const maps = isSeq(resolved) ? resolved.items : [resolved];
    for (const item of maps) {
      const map = isAlias(item) ? item.resolve(this.document) : item;
      if (!isMap(map)) continue;
      for (const pair of map.items) {
        if (isMergeKey(pair)) {
          this.mergeInto(result, pair.value, pointer, explicit);
          continue;
        }
        const key = keyText(pair);
        if (!explicit.has(key) && !(key in result)) this.setPair(result, key, pair, pointer);
      }
    }
  }
}

/**
 * `mode: 0440` is octal to compose (go-yaml reads integers the way Go's ParseInt does with base 0), while
 * YAML 1.2 reads it as 440. Plain scalars only: a quoted "0440" stays a string.
 */
function legacyOctal(node: Scalar): number | undefined {
  const source = node.source;
  if (node.type !== "PLAIN" || typeof source !== "string" || !/^[-+]?0[0-7]+$/.test(source)) return undefined;
  return Number.parseInt(source, 8);
}

function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.value === "<<" && pair.key.type === "PLAIN";
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function syntaxProblem(
  file: string,
  lines: LineCounter,
  offset: number,
  message: string,
  hint: string,
): Problem {
  const { line, col } = lines.linePos(offset);
  return { path: `${file}:${line}:${col}`, message, hint };
}
