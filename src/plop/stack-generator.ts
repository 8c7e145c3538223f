import { defaultProjectName } from "../cli/answers/resolve.js";
import { rawServices } from "../cli/options/raw.js";
import { specOptions } from "../cli/options/table.js";
import type { AskPhase, RawSpec, ServiceTarget, StackTarget, ValueOption } from "../cli/options/types.js";
import { SERVICE_KINDS, type ServiceKind } from "../spec/catalog/services.js";
import type { PlopGeneratorConfig } from "./index.js";
import { runCli } from "./run-cli.js";
import { promptOf, replay, runSwitches, runSwitchPrompts, type Step, type StepContext } from "./steps.js";

/**
 * `dagger-stack`: create's questions in create's order (the project, each service, the links between
 * them, the rest), then `create-dagger-stack . <answers as flags> --yes` in plop's folder. The project
 * name and the services come first, so `plop dagger-stack my-app postgres,redis` answers them.
 */
const RUN_SWITCHES = [
  { name: "dry-run", description: "Only list the changes (dry run)" },
  { name: "diff", description: "Also print a unified diff of every change" },
];

/** A spec holding one service of every kind: what a per-service question looks like for each kind. */
const EVERY_KIND: RawSpec = { services: SERVICE_KINDS.map(({ kind }) => ({ name: kind, kind })) };

export function stackGenerator(dest: string, asking: boolean): PlopGeneratorConfig {
  const defaultName = defaultProjectName(dest);
  const steps = stackSteps(defaultName);
  const context: StepContext = {
    start: () => ({}),
    standIns: { name: defaultName, services: [] },
    asking,
  };
  const prompts = steps.flatMap((step) => (step.probe ? [promptOf(steps, step, step.probe, context)] : []));
  return {
    description: "Set up Dagger for this project: a typed stack, test fixtures, smoke tests and CI",
    prompts: [...prompts, ...runSwitchPrompts(RUN_SWITCHES)],
    actions: [
      async (answers, config) => {
        const { flags } = replay(steps, answers, {});
        const run = runSwitches(answers, ["dry-run", "diff"]);
        return runCli([".", ...flags, "--yes", ...run, ...(config?.force ? ["--force"] : [])], dest);
      },
    ],
  };
}

function stackSteps(defaultName: string): Step[] {
  const options = specOptions();
  const inPhase = (phase: AskPhase, scope: "stack" | "service") =>
    options.filter((option) => option.target?.scope === scope && option.target.ask?.phase === phase);
  const forEachKind = (phase: AskPhase) =>
    SERVICE_KINDS.flatMap((kind) => inPhase(phase, "service").map((option) => serviceStep(option, kind)));
  return [
    ...inPhase("project", "stack").map((option) => stackStep(option, defaultName)),
    ...forEachKind("service"),
    ...forEachKind("links"),
    ...inPhase("finish", "stack").map((option) => stackStep(option, defaultName)),
  ];
}

function stackStep(option: ValueOption, defaultName: string): Step {
  const target = option.target as StackTarget;
  const ask = (raw: RawSpec) => target.ask?.question({ raw, defaultName });
  return {
    name: option.name,
    option,
    question: (raw) => (raw[target.specPath] === undefined ? ask(raw) : undefined),
    toFlagValue: (text) => text,
    probe: ask({}),
    // A question that reads the services chosen before it (the matrix's) must wait for their answers.
    conditional: JSON.stringify(ask({})) !== JSON.stringify(ask(EVERY_KIND)),
  };
}

/** create's per-service flags name their service; the services picked in the prompt are named by kind. */
function serviceStep(option: ValueOption, kind: ServiceKind): Step {
  const target = option.target as ServiceTarget;
  const question = (raw: RawSpec) => {
    const services = rawServices(raw);
    const index = services.findIndex((service) => service.name === kind.kind);
    const service = services[index];
    return service ? target.ask?.question({ raw, service, index, kind }) : undefined;
  };
  return {
    name: `${kind.kind}-${option.name}`,
    option,
    question,
    toFlagValue: (text) => `${kind.kind}=${text}`,
    probe: question(EVERY_KIND),
    conditional: true,
  };
}
