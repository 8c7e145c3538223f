import { objectId } from "./ids.js";

export type Args = Readonly<Record<string, unknown>>;

/** How an object was produced: `receiver.field(args)`. Secret plaintexts are never part of `args`. */
export interface FieldCall {
  readonly field: string;
  /** Coerced arguments, defaults included: what the object's facts and ID derive from. */
  readonly args: Args;
  /** Only the arguments the client wrote: what recordings show. */
  readonly explicitArgs: Args;
}

/** An immutable engine object. Type-specific facts are folded from the call chain when it is created. */
export interface ObjectState {
  readonly typeName: string;
  readonly id: string;
  readonly receiver?: ObjectState;
  readonly call?: FieldCall;
  readonly container?: ContainerFacts;
  readonly service?: ServiceFacts;
  readonly secret?: SecretFacts;
  readonly cache?: CacheFacts;
}

export interface ContainerFacts {
  readonly from?: string;
  readonly dockerBuild?: DockerBuildFacts;
  readonly steps: readonly StepFacts[];
  readonly env: Readonly<Record<string, string>>;
  /** Variable name → secret object ID. */
  readonly secretEnv: Readonly<Record<string, string>>;
  readonly execs: readonly ExecFacts[];
  readonly mounts: readonly MountFacts[];
  readonly exposedPorts: readonly PortFacts[];
  readonly bindings: readonly BindingFacts[];
  readonly files: readonly { path: string; contents: string }[];
  readonly user?: string;
  readonly workdir?: string;
  readonly entrypoint?: readonly string[];
  readonly defaultArgs?: readonly string[];
  /** Absent: the image's own HEALTHCHECK, if any; "none" after withoutDockerHealthcheck; "custom" after withDockerHealthcheck. */
  readonly healthcheck?: "none" | "custom";
}

export interface DockerBuildFacts {
  readonly contextId: string;
  readonly dockerfile: string;
  readonly target?: string;
  readonly buildArgs: readonly { name: string; value: string }[];
}

/** One chaining call with the arguments the client wrote; `stateId` is the container it produced. */
export interface StepFacts {
  readonly op: string;
  readonly args: Args;
  readonly stateId: string;
}

export interface ExecFacts {
  readonly args: readonly string[];
  readonly expect: string;
  readonly stateId: string;
}

export interface MountFacts {
  readonly path: string;
  readonly kind: "directory" | "cache" | "file" | "secret" | "temp";
  readonly sourceId?: string;
}

export interface PortFacts {
  readonly port: number;
  readonly protocol: string;
  readonly description?: string;
}

export interface BindingFacts {
  readonly alias: string;
  readonly serviceId: string;
}

export interface PortForwardFacts {
  readonly backend: number;
  readonly frontend?: number;
  readonly protocol: string;
}

export type ServiceFacts = { readonly hostname?: string } & (
  | {
      readonly kind: "container";
      readonly containerId: string;
      readonly args?: readonly string[];
      readonly useEntrypoint: boolean;
    }
  | {
      readonly kind: "tunnel";
      readonly targetId: string;
      readonly ports: readonly PortForwardFacts[];
      readonly native: boolean;
    }
  | { readonly kind: "host"; readonly ports: readonly PortForwardFacts[]; readonly host: string }
  | { readonly kind: "other"; readonly via: string }
);

export interface SecretFacts {
  /** The `setSecret` name, or the URI given to `secret`. */
  readonly name: string;
  readonly source: "setSecret" | "uri";
}

export interface CacheFacts {
  readonly key: string;
}

export const ROOT_TYPE = "Query";

export class ObjectStore {
  readonly root: ObjectState = { typeName: ROOT_TYPE, id: objectId(ROOT_TYPE, "root") };
  private readonly objects = new Map<string, ObjectState>([[this.root.id, this.root]]);
  private readonly plaintexts = new Map<string, string>();

  get(id: string): ObjectState | undefined {
    return this.objects.get(id);
  }

  /** Resolves an ID argument, failing like the engine does for IDs it never issued. */
  require(id: string, expectedType?: string): ObjectState {
    const state = this.objects.get(id);
    if (!state) throw new Error(`unknown object ID ${JSON.stringify(id)}: the stand-in never issued it`);
    if (expectedType && state.typeName !== expectedType) {
      throw new Error(`ID refers to a ${state.typeName}, expected a ${expectedType}`);
    }
    return state;
  }

  has(id: string): boolean {
    return this.objects.has(id);
  }

  /** Stores a new object; an equal one created earlier (same ID) wins. */
  intern(state: ObjectState): ObjectState {
    const existing = this.objects.get(state.id);
    if (existing) return existing;
    this.objects.set(state.id, state);
    return state;
  }

  rememberPlaintext(secretId: string, plaintext: string): void {
    this.plaintexts.set(secretId, plaintext);
  }

  plaintextOf(secretId: string): string | undefined {
    return this.plaintexts.get(secretId);
  }

  /** Every value a client made a secret of: what must never show in output or files. */
  secretValues(): string[] {
    return [...new Set(this.plaintexts.values())];
  }
}
