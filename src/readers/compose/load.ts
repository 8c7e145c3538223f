import { UsageError } from "../../errors.js";
import { parseComposeText } from "../located-yaml.js";
import { pointerOf } from "../pointer.js";
import type { ProjectFiles } from "../project-files.js";
import type { ReaderWarning, SourceLocation } from "../source.js";
import { resolveServices, type ServiceDefinition } from "./extends.js";
import { type InterpolatedDocument, interpolateDocument, isPlainObject } from "./interpolate.js";
import { mergeInto, stripTags } from "./merge.js";
import type { ComposeInventory } from "./model.js";
import { nearestPosition } from "./problems.js";
import { finishProject, type ServiceState } from "./project.js";
import { combineTracks, type Tracks, tracksOf } from "./tracks.js";
import { uniqueEntries } from "./unique.js";
import { checkComposeSchema } from "./validate.js";

/**
 * Compose's loader, pure apart from the ProjectFiles it is given: each file in turn is parsed (anchors,
 * merge keys), interpolated, has its `extends` applied, is merged into the files before it with
 * compose's rules, de-duplicated and validated against the compose-spec schema, exactly in compose's
 * order. Then profiles, env files and the long form of every key (project.ts).
 */
export type { ProjectFiles };
/** A variable's value and where it came from ("environment" or an env file's path). */
export interface VariableValue {
  value: string;
  from: string;
}

export interface ComposeLoadInput {
  files: readonly string[];
  envFiles: readonly string[];
  variables: ReadonlyMap<string, VariableValue>;
  profiles: readonly string[];
  project: ProjectFiles;
  /** The first compose file's folder: relative paths in every compose file start there. */
  workingDir: string;
}

export interface ComposeLoadResult {
  inventory: ComposeInventory;
  warnings: ReaderWarning[];
}

export function loadCompose(input: ComposeLoadInput): ComposeLoadResult {
  const loader = new Loader(input);
  for (const file of input.files) loader.mergeFile(file);
  return finishProject({
    input,
    data: loader.data,
    services: loader.services,
    topTracks: loader.topTracks,
    locate: (pointer) => loader.locate(pointer),
  });
}

class Loader {
  data: Record<string, unknown> = {};
  readonly services = new Map<string, ServiceState>();
  topTracks: Tracks = new Map();
  private readonly documents: InterpolatedDocument[] = [];
  private readonly cache = new Map<string, InterpolatedDocument[]>();

  constructor(private readonly input: ComposeLoadInput) {}

  mergeFile(file: string): void {
    for (const document of this.load(file)) {
      this.documents.push(document);
      const resolved = resolveServices(document, (path, from) => this.extendsSource(path, from));
      this.track(document, resolved);
      this.data = uniqueEntries(mergeInto(this.data, withServices(document.data, resolved)));
      checkComposeSchema(stripTags(this.data), document.file, (pointer) => this.locate(pointer));
    }
  }

  private load(file: string, from?: { file: string; pointer: string }): InterpolatedDocument[] {
    const cached = this.cache.get(file);
    if (cached) return cached;
    const text = this.input.project.read(file);
    if (text === undefined) throw missingFile(file, from, this.documents);
    const lookup = (name: string) => this.input.variables.get(name)?.value;
    const documents = parseComposeText(text, file).map((document) => interpolateDocument(document, lookup));
    this.cache.set(file, documents);
    return documents;
  }

  private extendsSource(file: string, from: { file: string; pointer: string }): InterpolatedDocument {
    const documents = this.load(file, from);
    const [first] = documents;
    if (!first) throw missingFile(file, from, this.documents);
    return first;
  }

  private track(document: InterpolatedDocument, resolved: ReadonlyMap<string, ServiceDefinition>): void {
    // Variables inside services belong to the service's keys, not to the top-level `services` entry.
    const outsideServices = {
      ...document,
      uses: document.uses.filter((use) => !use.pointer.startsWith("/services/")),
    };
    this.topTracks = combineTracks(
      this.topTracks,
      tracksOf(outsideServices, "", document.data),
      document.data,
    );
    for (const [name, definition] of resolved) {
      const state = this.services.get(name);
      if (state) state.tracks = combineTracks(state.tracks, definition.tracks, definition.data);
      else this.services.set(name, { declaredAt: declaredAt(document, name), tracks: definition.tracks });
    }
  }

  /** Where a key of the merged model was written last: the place an error should point at. */
  locate(pointer: string): SourceLocation | undefined {
    const latest = [...this.documents].reverse();
    for (const document of latest) {
      const exact = document.positions.get(pointer);
      if (exact) return exact;
    }
    for (const document of latest) {
      const near = nearestPosition(document.positions, pointer);
      if (near) return near;
    }
    return undefined;
  }
}

function withServices(
  data: Record<string, unknown>,
  resolved: ReadonlyMap<string, ServiceDefinition>,
): Record<string, unknown> {
  if (!isPlainObject(data.services)) return data;
  return {
    ...data,
    services: Object.fromEntries([...resolved].map(([name, { data: service }]) => [name, service])),
  };
}

function declaredAt(document: InterpolatedDocument, name: string): SourceLocation {
  return (
    document.positions.get(pointerOf("services", name)) ?? {
      file: document.file,
      line: 1,
      column: 1,
    }
  );
}

function missingFile(
  file: string,
  from: { file: string; pointer: string } | undefined,
  documents: readonly InterpolatedDocument[],
): UsageError {
  if (!from) {
    return new UsageError(
      {
        path: file,
        message: "no such compose file",
        hint: "name compose files relative to the project folder, as with docker compose -f",
      },
      file,
    );
  }
  const origin = documents.find((document) => document.file === from.file);
  const at = origin ? nearestPosition(origin.positions, from.pointer) : undefined;
  return new UsageError(
    {
      path: at ? `${at.file}:${at.line}:${at.column}` : from.file,
      message: `extends a service in ${file}, which does not exist`,
      hint: "`file:` under `extends` is relative to the compose file that has it",
    },
    from.file,
  );
}
