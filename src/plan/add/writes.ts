import type { VirtualTree, WriteMode } from "../../tree/tree.js";
import { sha256 } from "../../util/hash.js";
import { type Manifest, writeManifest } from "../manifest.js";

/**
 * The writes of one run, held back until every edit has succeeded: an AnchorError halfway leaves the
 * tree as it was. Hashes in the manifest move only for files that were pristine before this run.
 */
export class Writes {
  private readonly pending = new Map<string, { content: string; mode: WriteMode }>();

  constructor(
    private readonly tree: VirtualTree,
    private readonly manifest: Manifest,
  ) {}

  read(path: string): string | undefined {
    return this.pending.get(path)?.content ?? this.tree.read(path);
  }

  isPristine(path: string): boolean {
    const original = this.tree.original(path);
    return original !== undefined && sha256(original) === this.manifest.files[path];
  }

  /** A file edited in place, carrying its owner's content forward. */
  edit(path: string, content: string): void {
    this.pending.set(path, { content, mode: "merged" });
  }

  /** A file written whole, as create writes it: new, or still pristine. */
  create(path: string, content: string): void {
    this.pending.set(path, { content, mode: "generated" });
  }

  flush(manifest: Omit<Manifest, "files">, previous: Manifest): void {
    for (const [path, { content, mode }] of this.pending) this.tree.write(path, content, mode);
    const tracked = [...this.pending.keys()].filter(
      (path) => path !== "package.json" && (this.tree.original(path) === undefined || this.isPristine(path)),
    );
    writeManifest(this.tree, manifest, tracked, previous);
  }
}
