import {
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  type ValueNode,
} from "graphql";
import { booleanArg, numberArg, stringArg } from "./args.js";
import { digest } from "./ids.js";
import { leafDefault } from "./leaf-defaults.js";
import type { Lifecycle } from "./lifecycle.js";
import { deriveObject } from "./objects.js";
import type { Recorder } from "./recorder.js";
import { ENGINE_VERSION, typeLoadedByField } from "./schema.js";
import type { Args, ObjectState, ObjectStore } from "./state.js";

export interface EngineParts {
  store: ObjectStore;
  recorder: Recorder;
  lifecycle: Lifecycle;
}

/** Everything a handler needs about one field selection. */
interface Selection {
  parts: EngineParts;
  receiver: ObjectState;
  field: string;
  args: Args;
  explicitArgs: Args;
  info: GraphQLResolveInfo;
}

type Handler = (selection: Selection) => unknown;

/** Leaves that force evaluation of the container the receiver is, or derives from. */
const EVALUATING_LEAVES = new Set(["contents", "entries", "glob", "size", "digest", "exists", "exportImage"]);

export function createFieldResolver(parts: EngineParts): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, _context, info) => {
    const receiver = source as ObjectState;
    const selection = {
      parts,
      receiver,
      field: info.fieldName,
      args,
      explicitArgs: explicitArgs(args, info),
      info,
    };
    checkObjectArguments(selection);
    // A field that leaves the container chain means the container is used, so it is recorded.
    if (getNamedType(info.returnType).name !== receiver.typeName) parts.recorder.noteUsed(receiver);
    const handler = findHandler(receiver.typeName, info.fieldName);
    if (handler) return handler(selection);
    if (EVALUATING_LEAVES.has(info.fieldName)) parts.lifecycle.evaluate(receiver, info.fieldName);
    return resolveGenerically(selection);
  };
}

function findHandler(typeName: string, field: string): Handler | undefined {
  if (typeName === "Query" && typeLoadedByField(field)) return loadFromId;
  return handlers[`${typeName}.${field}`] ?? handlers[`*.${field}`];
}

const handlers: Record<string, Handler> = {
  "*.id": ({ receiver }) => receiver.id,
  "*.sync": ({ parts, receiver }) => {
    parts.lifecycle.evaluate(receiver, "sync");
    return receiver.id;
  },
  "Query.version": () => ENGINE_VERSION,
  "Query.node": ({ parts, args }) => parts.store.require(stringArg(args, "id") ?? ""),
  "Query.setSecret": ({ parts, receiver, args }) => {
    const name = stringArg(args, "name") ?? "";
    const plaintext = stringArg(args, "plaintext") ?? "";
    const call = { field: "setSecret", args: { name }, hiddenInput: digest(plaintext) };
    const secret = derive(parts, receiver, "Secret", call);
    parts.store.rememberPlaintext(secret.id, plaintext);
    return secret;
  },
  "Service.start": ({ parts, receiver }) => {
    parts.lifecycle.start(receiver, "start");
    return receiver.id;
  },
  "Service.up": ({ parts, receiver }) => {
    parts.lifecycle.start(receiver, "up");
    return null;
  },
  "Service.stop": ({ parts, receiver, args }) => {
    parts.lifecycle.stop(receiver, booleanArg(args, "kill") ?? false);
    return receiver.id;
  },
  "Service.endpoint": ({ parts, receiver, args }) =>
    parts.lifecycle.endpoint(receiver, numberArg(args, "port"), stringArg(args, "scheme") ?? ""),
  "Service.hostname": ({ parts, receiver }) => parts.lifecycle.hostname(receiver),
  "Container.stdout": ({ parts, receiver }) => parts.lifecycle.evaluate(receiver, "stdout").stdout,
  "Container.stderr": ({ parts, receiver }) => parts.lifecycle.evaluate(receiver, "stderr").stderr,
  "Container.exitCode": ({ parts, receiver }) => parts.lifecycle.evaluate(receiver, "exitCode").exitCode,
  "Container.combinedOutput": ({ parts, receiver }) => {
    const result = parts.lifecycle.evaluate(receiver, "combinedOutput");
    return result.stdout + result.stderr;
  },
  "Container.export": ({ parts, receiver, args }) => {
    parts.lifecycle.evaluate(receiver, "export");
    return stringArg(args, "path") ?? "";
  },
  "Container.publish": ({ parts, receiver, args }) => {
    parts.lifecycle.evaluate(receiver, "publish");
    return `${stringArg(args, "address") ?? ""}@sha256:${digest(receiver.id, 64)}`;
  },
  "Container.envVariable": ({ receiver, args }) =>
    receiver.container?.env[stringArg(args, "name") ?? ""] ?? null,
  "Container.user": ({ receiver }) => receiver.container?.user ?? "",
  "Container.workdir": ({ receiver }) => receiver.container?.workdir ?? "",
  "Container.entrypoint": ({ receiver }) => receiver.container?.entrypoint ?? [],
  "Container.defaultArgs": ({ receiver }) => receiver.container?.defaultArgs ?? [],
  "Container.imageRef": ({ receiver }) => receiver.container?.from ?? "",
};

function loadFromId({ parts, field, args }: Selection): ObjectState {
  return parts.store.require(stringArg(args, "id") ?? "", typeLoadedByField(field));
}

function resolveGenerically(selection: Selection): unknown {
  const { parts, receiver, field, args, explicitArgs, info } = selection;
  const type = info.returnType;
  const named = getNamedType(type);
  if (isListType(getNullableType(type))) return [];
  if (isObjectType(named)) {
    return isNonNullType(type) ? derive(parts, receiver, named.name, { field, args, explicitArgs }) : null;
  }
  if (isAbstractType(named)) {
    if (isNonNullType(type)) throw new Error(`the engine stand-in cannot resolve ${named.name} for ${field}`);
    return null;
  }
  return leafDefault(named, receiver);
}

function derive(
  parts: EngineParts,
  receiver: ObjectState,
  typeName: string,
  call: Parameters<typeof deriveObject>[3],
): ObjectState {
  const state = deriveObject(parts.store, receiver, typeName, call);
  parts.recorder.noteCreated(state);
  return state;
}

function explicitArgs(args: Args, info: GraphQLResolveInfo): Args {
  const written = new Set(info.fieldNodes[0]?.arguments?.map((node) => node.name.value) ?? []);
  return Object.fromEntries(Object.entries(args).filter(([name]) => written.has(name)));
}

/** Object arguments are IDs marked `@expectedType`; like the engine, reject IDs of unknown objects. */
function checkObjectArguments({ parts, args, info }: Selection): void {
  const definition = info.parentType.getFields()[info.fieldName];
  for (const argument of definition?.args ?? []) {
    const expected = expectedType(argument);
    if (!expected) continue;
    const value = args[argument.name];
    const ids = Array.isArray(value) ? value : [value];
    for (const id of ids) if (typeof id === "string") parts.store.require(id, expected);
  }
}

const expectedTypes = new WeakMap<GraphQLArgument, string | undefined>();

function expectedType(argument: GraphQLArgument): string | undefined {
  if (expectedTypes.has(argument)) return expectedTypes.get(argument);
  const directive = argument.astNode?.directives?.find((node) => node.name.value === "expectedType");
  const name = directive?.arguments?.find((node) => node.name.value === "name")?.value;
  const type = name && isStringValue(name) ? name.value : undefined;
  expectedTypes.set(argument, type);
  return type;
}

function isStringValue(node: ValueNode): node is ValueNode & { value: string } {
  return node.kind === "StringValue";
}
