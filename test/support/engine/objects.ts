import { stringArg } from "./args.js";
import { containerFactsFor } from "./container-facts.js";
import { objectId, stableJson } from "./ids.js";
import { serviceFactsFor } from "./service-facts.js";
import type { Args, FieldCall, ObjectState, ObjectStore, SecretFacts } from "./state.js";

/**
 * Creates (or finds, since IDs are content addresses) the object `receiver.field(args)` of type
 * `typeName`. `hiddenInput` takes part in the ID but is not kept, e.g. a secret's plaintext.
 */
export function deriveObject(
  store: ObjectStore,
  receiver: ObjectState,
  typeName: string,
  call: Omit<FieldCall, "explicitArgs"> & { explicitArgs?: Args; hiddenInput?: string },
): ObjectState {
  const { field, args } = call;
  const explicitArgs = call.explicitArgs ?? args;
  const id = objectId(typeName, receiver.id, field, stableJson(args), call.hiddenInput ?? "");
  const existing = store.get(id);
  if (existing) return existing;
  const facts = factsFor(typeName, receiver, { field, args, explicitArgs }, id);
  return store.intern({ typeName, id, receiver, call: { field, args, explicitArgs }, ...facts });
}

function factsFor(typeName: string, receiver: ObjectState, call: FieldCall, id: string) {
  const { field, args } = call;
  switch (typeName) {
    case "Container":
      return { container: containerFactsFor(receiver, call, id) };
    case "Service":
      return { service: serviceFactsFor(receiver, field, args) };
    case "Secret":
      return secretFactsFor(field, args);
    case "CacheVolume":
      return { cache: { key: stringArg(args, "key") ?? "" } };
    default:
      return {};
  }
}

function secretFactsFor(field: string, args: Args): { secret?: SecretFacts } {
  if (field === "setSecret") return { secret: { name: stringArg(args, "name") ?? "", source: "setSecret" } };
  if (field === "secret") return { secret: { name: stringArg(args, "uri") ?? "", source: "uri" } };
  return {};
}
