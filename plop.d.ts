// Types for resolvers that read no "exports" map (see plop.js).
export * from "./dist/plop.js";
export { default } from "./dist/plop.js";
