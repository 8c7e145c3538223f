import { isService, type NormalizedService, type NormalizedStack, serviceByName } from "../spec/model.js";
import { scaleDocView } from "./ci/docs-view.js";
import { DAGGER_VERSION } from "./ci/pins.js";
import { envSections } from "./docs-env.js";
import { featureSections } from "./docs-features.js";

/** The view of the stack's doc page, shared by every language; commands and names come from the renderer. */
export interface DocCommands {
  upCommand: string;
  testCommand: string;
  typecheckCommand: string;
  configType: string;
  configFactory: string;
  stackClass: string;
  ciFile?: string;
  ciMatrix?: string;
  /** How the language's stack test run hands testEnv to the tests. */
  testEnvHow: string;
  /** With a Dagger module (`--module`): the `dagger call` that starts its first service. */
  moduleCall?: string;
}

export function docView(stack: NormalizedStack, commands: DocCommands) {
  return {
    project: stack.names,
    ...commands,
    daggerVersion: DAGGER_VERSION,
    nodes: stack.services.map(mermaidNode),
    edges: stack.services.flatMap((service) =>
      service.dependsOn.map(
        (dependency) => `${mermaidId(service)} --> ${mermaidId(serviceByName(stack, dependency))}`,
      ),
    ),
    rows: stack.services.map((service) => ({
      name: service.name,
      kind: service.kind.kind,
      source: service.build
        ? `\`${service.build.context}/${service.build.dockerfile}\``
        : `\`${service.image ?? ""}\``,
      hostPort: service.hostPort ?? "—",
      internal: isService(service) ? `\`${service.name}:${service.containerPort}\`` : "container only",
    })),
    matrix: stack.matrix.map((axis) => ({ fixture: axis.names.camel })),
    envSections: envSections(stack),
    ...scaleDocView(stack),
    featureLines: featureSections(stack, commands.testEnvHow),
  };
}

function mermaidId(service: NormalizedService): string {
  return service.names.snake;
}

function mermaidNode(service: NormalizedService): string {
  const label = `${service.name}<br/>${service.kind.kind}${service.version ? ` ${service.version}` : ""}`;
  return isService(service) ? `${mermaidId(service)}["${label}"]` : `${mermaidId(service)}[/"${label}"/]`;
}
