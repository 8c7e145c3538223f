import type { BuilderModel, Step } from "../builder-steps.js";

/** A service's builder before and after it gained extensions. */
export interface ModelChange {
  was: BuilderModel;
  is: BuilderModel;
}

type StepOf<Op extends Step["op"]> = Extract<Step, { op: Op }>;

export function stepOf<Op extends Step["op"]>(model: BuilderModel, op: Op): StepOf<Op> | undefined {
  return model.steps.find((step): step is StepOf<Op> => step.op === op);
}

/** How the builder's steps change, as data: each language writes the steps in its own lines. */
export interface StepChange {
  /** apt packages the builder must install now. */
  aptPackages: string[];
  /** The apt step as create writes it now, if any. */
  aptStep?: StepOf<"aptInstall">;
  /** Packages a new image already has, the apt step that installed them, and whether any apt step is left. */
  provided?: { packages: string[]; previousStep: StepOf<"aptInstall">; noneLeft: boolean };
  /** Server arguments that changed: the ones create wrote before and the step that sets the new ones. */
  serverArgs?: { previous: string[]; next: string[]; step: StepOf<"args"> };
}

export function stepChange({ was, is }: ModelChange): StepChange {
  const [wasApt, isApt] = [stepOf(was, "aptInstall"), stepOf(is, "aptInstall")];
  const [wasArgs, isArgs] = [stepOf(was, "args"), stepOf(is, "args")];
  const [wasPackages, isPackages] = [wasApt?.packages ?? [], isApt?.packages ?? []];
  const provided = wasPackages.filter((name) => !isPackages.includes(name));
  const argsChanged = isArgs !== undefined && JSON.stringify(isArgs.args) !== JSON.stringify(wasArgs?.args);
  return {
    aptPackages: isPackages.filter((name) => !wasPackages.includes(name)),
    aptStep: isApt,
    provided:
      wasApt && provided.length > 0
        ? { packages: provided, previousStep: wasApt, noneLeft: isApt === undefined }
        : undefined,
    serverArgs: argsChanged ? { previous: wasArgs?.args ?? [], next: isArgs.args, step: isArgs } : undefined,
  };
}
