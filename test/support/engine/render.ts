import type { ObjectState, ObjectStore } from "./state.js";

/**
 * Turns object IDs into what a test can assert on: the ref of a recorded container or service,
 * `secret:<name>`, `cache:<key>`, or a call chain such as `host.directory(path: ".")`.
 */
export class Renderer {
  constructor(
    private readonly store: ObjectStore,
    private readonly refOf: (id: string) => string | undefined,
  ) {}

  ref(id: string): string {
    const state = this.store.get(id);
    if (state?.secret) return `secret:${state.secret.name}`;
    if (state?.cache) return `cache:${state.cache.key}`;
    const recorded = this.refOf(id);
    if (recorded) return recorded;
    return state ? this.chain(state) : id;
  }

  secretName(id: string): string {
    return this.store.get(id)?.secret?.name ?? this.ref(id);
  }

  cacheKey(id: string): string {
    return this.store.get(id)?.cache?.key ?? this.ref(id);
  }

  /** Argument values with every known object ID replaced by its rendering. */
  value(value: unknown): unknown {
    if (typeof value === "string") return this.store.has(value) ? this.ref(value) : value;
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, this.value(inner)]));
    }
    return value;
  }

  args(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return this.value(args) as Record<string, unknown>;
  }

  private chain(state: ObjectState): string {
    const calls: string[] = [];
    let current: ObjectState | undefined = state;
    while (current?.call) {
      const recorded = current === state ? undefined : this.refOf(current.id);
      if (recorded) return [recorded, ...calls].join(".");
      const args = this.inlineArgs(current.call.explicitArgs);
      calls.unshift(args ? `${current.call.field}(${args})` : current.call.field);
      current = current.receiver;
    }
    return calls.join(".");
  }

  private inlineArgs(args: Readonly<Record<string, unknown>>): string {
    return Object.entries(this.args(args))
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(", ");
  }
}
