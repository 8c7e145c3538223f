import { kindQuestion } from "../cli/add/prompts.js";
import { ADD_NAME, ADD_SERVICE_OPTIONS, type AddServiceOption } from "../cli/options/add-options.js";
import { clone, rawServices } from "../cli/options/raw.js";
import type { RawSpec } from "../cli/options/types.js";
import { manifestState } from "../plan/manifest.js";
import { findKind, SERVICE_KINDS } from "../spec/catalog/services.js";
import { diskReader } from "../tree/disk.js";
import { VirtualTree } from "../tree/tree.js";
import type { PlopGeneratorConfig, PlopPrompt } from "./index.js";
import { runCli } from "./run-cli.js";
import { promptOf, replay, runSwitches, runSwitchPrompts, type Step, type StepContext } from "./steps.js";

/**
 * `dagger-service`: add's questions about one new service, then `create-dagger-stack add <kind> --name
 * <name> <answers as flags> --yes` in plop's folder. The kind and the name come first, so `plop
 * dagger-service redis` (or `redis cache`) answers them; the rest are asked about the new service as the
 * last one of the existing stack, so defaults such as the next free port see what the stack has.
 */
const RUN_SWITCHES = [
  { name: "dry-run", description: "Only list the changes (dry run)" },
  { name: "diff", description: "Also print a unified diff of every change" },
];

type Answers = Record<string, unknown>;

export function serviceGenerator(dest: string, asking: boolean): PlopGeneratorConfig {
  const steps = ADD_SERVICE_OPTIONS.filter((option) => option.target.ask).map(newServiceStep);
  const context: StepContext = { start: (answers) => grownSpec(dest, answers), standIns: {}, asking };
  const detailPrompts = steps.flatMap((step) =>
    step.probe ? [promptOf(steps, step, step.probe, context)] : [],
  );
  return {
    description: "Add a service to the Dagger stack in this project",
    prompts: [kindPrompt(asking), namePrompt(asking), ...detailPrompts, ...runSwitchPrompts(RUN_SWITCHES)],
    actions: [
      async (answers, config) => {
        const { flags } = replay(steps, answers, grownSpec(dest, answers));
        const kind = String(answers.kind);
        const name = [`--${ADD_NAME.name}=${nameOf(answers)}`];
        const run = runSwitches(answers, ["dry-run", "diff"]);
        const force = config?.force ? ["--force"] : [];
        return runCli(["add", kind, ...name, ...flags, "--yes", ...run, ...force], dest);
      },
    ],
  };
}

function kindPrompt(asking: boolean): PlopPrompt {
  const question = kindQuestion();
  return { type: "list", name: "kind", message: question.message, choices: question.choices, when: asking };
}

function namePrompt(asking: boolean): PlopPrompt {
  return {
    type: "input",
    name: "name",
    message: ADD_NAME.description,
    default: (answers: Answers) => answers.kind,
    when: asking,
  };
}

const nameOf = (answers: Answers) => String(answers.name || answers.kind);

/** The stack's spec from its manifest with the new service last, as `add` grows it. */
function grownSpec(dest: string, answers: Answers): RawSpec {
  const state = manifestState(new VirtualTree(diskReader(dest)));
  const raw: RawSpec = state.kind === "ours" ? clone(state.manifest.spec as RawSpec) : {};
  raw.services = [...rawServices(raw), { name: nameOf(answers), kind: answers.kind }];
  return raw;
}

/** add's flags describe the one new service, the spec's last: they take the answer as it is. */
function newServiceStep(option: AddServiceOption): Step {
  const ask = option.target.ask;
  const question = (raw: RawSpec) => {
    const services = rawServices(raw);
    const index = services.length - 1;
    const service = services[index];
    const kind = findKind(String(service?.kind));
    return service && kind ? ask?.question({ raw, service, index, kind }) : undefined;
  };
  const probes = SERVICE_KINDS.map(({ kind }) => question({ services: [{ name: kind, kind }] }));
  return {
    name: option.name,
    option,
    question,
    toFlagValue: (text) => text,
    probe: probes.find((probe) => probe !== undefined),
    conditional: true,
  };
}
