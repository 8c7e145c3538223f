// `plop.load("create-dagger-stack/plop")` resolves with the `resolve` package, which reads no "exports"
// map and looks for this file instead; Node's own resolution goes through "exports" to the same module.
export { default } from "./dist/plop.js";
