import type { Plugin } from "esbuild";

export const COMPOSE_SCHEMA: string;
export function composeValidatorModule(root: string): Promise<string>;
export function precompileComposeSchema(options: { root: string }): Plugin;
