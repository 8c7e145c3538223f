/**
 * What an extension changes in a builder's method chain, whatever the language. `Lines` is how a
 * language's editors take create's chain lines (one fragment, or a list of lines), in TEMPLATE_STYLE.
 */
export interface ExtensionBuildChangeOf<Lines, ServerArgs = unknown> {
  /** apt packages the builder must install now. */
  aptPackages: readonly string[];
  /** The chain lines that install them, for a builder that has no apt step yet. */
  aptInstallLines: Lines;
  /** Packages a new image already has (pg_search's image ships pgvector): create would not install them. */
  providedPackages?: {
    packages: readonly string[];
    /** The install step as create wrote it before: removed whole if no package is left and it is unchanged. */
    previousLines: Lines;
    noneLeft: boolean;
  };
  /**
   * Server arguments: what create wrote before (replaced only if still so), the new ones, and the step's
   * lines for a builder that sets none.
   */
  serverArgs?: { previous: readonly string[]; next: readonly string[]; lines: Lines } & ServerArgs;
}

/**
 * A language's edits of one builder's chain. Each finds its anchors afresh (an earlier edit may have moved
 * them); what to change, and what to leave to the user, is decided once, in extensionEditor().
 */
export interface BuilderChainEdits<Change extends ExtensionBuildChangeOf<unknown>> {
  /** Into the existing `apt-get install` exec, else as new steps (`installLines`) right after the image. */
  addAptPackages(packages: readonly string[], installLines: Change["aptInstallLines"]): void;
  /** The cache mount and apt exec, removed if they still read as `previousLines`; whether they were. */
  removeInstallStep(previousLines: Change["aptInstallLines"]): boolean;
  /** One package dropped from the apt exec, if it is there. */
  removeAptPackage(name: string): void;
  /** The server arguments the builder sets as a list, if it does. */
  serverArgs(): ServerArgsList<NonNullable<Change["serverArgs"]>> | undefined;
  /** New server arguments, where create puts them (before the exposed port). */
  insertServerArgs(args: NonNullable<Change["serverArgs"]>): void;
}

export interface ServerArgsList<Args> {
  /** Its strings; undefined when it holds anything else. */
  strings: readonly string[] | undefined;
  replace(args: Args): void;
}

/**
 * A language's `addExtensionToBuilder(file, stackClass, builder, change)`, from how it edits one builder's
 * chain: packages the new image provides go first, then the apt packages, then the server arguments. It
 * returns notes for the parts it left to the user (their own server arguments, their own install step).
 */
export function extensionEditor<
  File extends { readonly path: string },
  Change extends ExtensionBuildChangeOf<unknown>,
>(
  chainEdits: (file: File, stackClass: string, builder: string) => BuilderChainEdits<Change>,
): (file: File, stackClass: string, builder: string, change: Change) => string[] {
  return (file, stackClass, builder, change) =>
    applyExtensionBuildChange(chainEdits(file, stackClass, builder), `${file.path}: ${builder}()`, change);
}

/** `where` names the builder in notes: `stack/stack.ts: buildPostgres()`. */
function applyExtensionBuildChange<Change extends ExtensionBuildChangeOf<unknown>>(
  edits: BuilderChainEdits<Change>,
  where: string,
  change: Change,
): string[] {
  const notes: string[] = [];
  if (change.providedPackages) {
    notes.push(...removeProvidedPackages(edits, where, change.providedPackages));
  }
  if (change.aptPackages.length > 0) edits.addAptPackages(change.aptPackages, change.aptInstallLines);
  if (change.serverArgs) notes.push(...setServerArgs(edits, where, change.serverArgs));
  return notes;
}

/**
 * Drops packages from the apt exec; when none is left, the whole install step goes, but only if it is
 * still exactly what create wrote (comments included), so that nothing of the user's is lost.
 */
function removeProvidedPackages<Change extends ExtensionBuildChangeOf<unknown>>(
  edits: BuilderChainEdits<Change>,
  where: string,
  provided: NonNullable<Change["providedPackages"]>,
): string[] {
  if (provided.noneLeft && edits.removeInstallStep(provided.previousLines)) return [];
  for (const name of provided.packages) edits.removeAptPackage(name);
  if (!provided.noneLeft) return [];
  return [`${where} has an apt install step with no packages left; you may remove it`];
}

/** The builder's server arguments are replaced only while they still hold the ones create wrote. */
function setServerArgs<Change extends ExtensionBuildChangeOf<unknown>>(
  edits: BuilderChainEdits<Change>,
  where: string,
  args: NonNullable<Change["serverArgs"]>,
): string[] {
  const existing = edits.serverArgs();
  if (!existing) {
    edits.insertServerArgs(args);
    return [];
  }
  if (sameList(existing.strings, args.next)) return [];
  if (!sameList(existing.strings, args.previous)) {
    return [`${where} sets its own server arguments; make sure they include ${args.next.join(" ")}`];
  }
  existing.replace(args);
  return [];
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((item, index) => item === b[index]);
}

/** Code compared as create wrote it and as it stands, blind to line breaks and indentation. */
export function sameCode(a: string, b: string): boolean {
  return collapse(a) === collapse(b);
}

function collapse(code: string): string {
  return code.replace(/\s+/g, " ").trim();
}
