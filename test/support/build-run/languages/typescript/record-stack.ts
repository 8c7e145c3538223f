/**
 * Run by tsx inside a generated TypeScript project (its node_modules resolve the Dagger SDK): starts the
 * whole stack through the generated class and builds each container that is not a service, so the
 * stand-in records everything the stack does, whichever generated tests could run.
 *
 * argv: <project dir> <JSON: { stackClass, configFactory, builders }>
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface Names {
  stackClass: string;
  configFactory: string;
  builders: string[];
}

interface Buildable {
  sync(): Promise<unknown>;
}

interface GeneratedStack {
  stop(): Promise<void>;
  [builder: string]: unknown;
}

async function main(): Promise<void> {
  const [projectDir = ".", namesJson = "{}"] = process.argv.slice(2);
  const names = JSON.parse(namesJson) as Names;
  const stackModule = await importFrom(projectDir, "stack/stack.ts");
  const configModule = await importFrom(projectDir, "stack/config.ts");
  const makeConfig = configModule[names.configFactory] as () => unknown;
  const stackClass = stackModule[names.stackClass] as { start(config: unknown): Promise<GeneratedStack> };
  const stack = await stackClass.start(makeConfig());
  try {
    for (const builder of names.builders) await (stack[builder] as () => Buildable).call(stack).sync();
  } finally {
    await stack.stop();
  }
}

async function importFrom(projectDir: string, path: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(join(projectDir, path)).href)) as Record<string, unknown>;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
