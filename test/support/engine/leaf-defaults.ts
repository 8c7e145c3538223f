import { type GraphQLNamedType, isEnumType } from "graphql";
import type { ObjectState } from "./state.js";

const SCALAR_DEFAULTS: Readonly<Record<string, unknown>> = {
  String: "",
  Int: 0,
  Float: 0,
  Boolean: false,
  Platform: "linux/amd64",
  JSON: "{}",
  Void: null,
};

/** What a leaf field nothing special-cases returns: an empty value of the right type. */
export function leafDefault(type: GraphQLNamedType, receiver: ObjectState): unknown {
  if (type.name === "ID") return receiver.id;
  if (isEnumType(type)) return type.getValues()[0]?.value ?? null;
  return type.name in SCALAR_DEFAULTS ? SCALAR_DEFAULTS[type.name] : "";
}
