import type { PackageJsonAdditions } from "../../edit/json/package-json.js";
import type { NormalizedStack } from "../../spec/model.js";
import { TYPESCRIPT_MINIMUMS } from "./minimums.js";
import { PATHS, SCRIPTS } from "./names.js";

/** Versions the generated TypeScript is compiled and tested with (Node 20 compatible, pinned exactly). */
export const TYPESCRIPT_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  "@dagger.io/dagger": "0.21.9",
  "@types/node": "20.19.25",
  tsx: "4.23.15",
  typescript: "6.0.3",
  vitest: "4.1.12",
};

export function packageJsonAdditions(stack: NormalizedStack): PackageJsonAdditions {
  const clients = Object.assign({}, ...stack.services.map((service) => service.kind.npmClient ?? {}));
  return {
    scripts: {
      // tsx as a loader, not as a parent process: tsx's parent SIGKILLs a child that takes over 30 ms to
      // acknowledge Ctrl-C, which a busy `up` may, and the stack would not stop cleanly.
      [SCRIPTS.up]: `node --import tsx ${PATHS.up}`,
      [SCRIPTS.test]: `vitest run --config ${PATHS.vitestConfig}`,
      [SCRIPTS.typecheck]: `tsc -p ${PATHS.tsconfig}`,
    },
    devDependencies: { ...TYPESCRIPT_DEV_DEPENDENCIES, ...clients },
    minimums: TYPESCRIPT_MINIMUMS,
  };
}

/**
 * The stack's own tsconfig, so it type-checks the same whatever the project's root tsconfig says. With a
 * Dagger module in stack/src, its `@object()`/`@func()` are the SDK's legacy decorators (the runtime sets
 * experimentalDecorators too: sdk/typescript/runtime/tsutils/tsconfig_updator.go), and `dagger develop`
 * writes the SDK it generates to stack/sdk, which is not the stack's to type-check.
 */
export function stackTsconfig(module = false): string {
  const tsconfig = {
    compilerOptions: {
      // ES2022, not ES2023: TypeScript before 5.5 does not know the ES2023 target, and nothing here needs it.
      target: "ES2022",
      lib: ["ES2023", "ESNext.Disposable"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      types: ["node"],
      ...(module && { experimentalDecorators: true }),
    },
    include: ["./**/*.ts", "../tests/stack/**/*.ts", `../${PATHS.vitestConfig}`],
    ...(module && { exclude: ["./sdk", "./node_modules"] }),
  };
  return `${JSON.stringify(tsconfig, null, 2)}\n`;
}
