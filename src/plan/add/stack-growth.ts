import {
  type MatrixAxis,
  type NormalizedService,
  type NormalizedStack,
  serviceByName,
} from "../../spec/model.js";

/** What the grown stack has that the stack before did not: each part is code for add to write. */
export interface StackGrowth {
  newServices: NormalizedService[];
  /** Services that gained extensions, as they were and as they are. */
  grownServices: [was: NormalizedService, is: NormalizedService][];
  grownMatrix: MatrixGrowth[];
}

/** New targets on a testing-matrix axis, which may itself be new. */
export interface MatrixGrowth {
  axis: MatrixAxis;
  targets: string[];
  isNewAxis: boolean;
}

export function stackGrowth(before: NormalizedStack, after: NormalizedStack): StackGrowth {
  return {
    newServices: newServices(before, after),
    grownServices: grownServices(before, after),
    grownMatrix: grownMatrix(before, after),
  };
}

function newServices(before: NormalizedStack, after: NormalizedStack): NormalizedService[] {
  return after.services.filter((service) => !before.services.some((old) => old.name === service.name));
}

function grownServices(before: NormalizedStack, after: NormalizedStack): StackGrowth["grownServices"] {
  return before.services.flatMap((was): StackGrowth["grownServices"] => {
    const is = serviceByName(after, was.name);
    return is.extensions.length > was.extensions.length ? [[was, is]] : [];
  });
}

function grownMatrix(before: NormalizedStack, after: NormalizedStack): MatrixGrowth[] {
  return after.matrix.flatMap((axis): MatrixGrowth[] => {
    const old = before.matrix.find((candidate) => candidate.name === axis.name);
    const targets = axis.targets.filter((target) => !old?.targets.includes(target));
    return targets.length > 0 ? [{ axis, targets, isNewAxis: old === undefined }] : [];
  });
}
