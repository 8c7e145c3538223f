import { type Problem, UsageError } from "../../errors.js";
import { namedServices } from "../answers/check.js";
import { covers } from "../answers/origins.js";
import { ADD_SERVICE_OPTIONS } from "../options/add-options.js";
import type { RawSpec } from "../options/types.js";

interface Label {
  text: string;
  /** Replaces the problem's own hint, which may speak of spec files. */
  hint?: string;
}

/**
 * Names a problem in add's errors by what the user typed: `--port 5432`, `add redsi`, rather than by its
 * spec path (`services[2].port`), and services in messages by their names. Paths nobody set but that
 * belong to the new service name the flag that would set them, and a problem without a hint gets that
 * flag's example.
 */
export class Labels {
  private readonly given = new Map<string, Label>();

  /**
   * `newService`: the new service's index in the spec, when the run adds one; `raw`: the grown spec, for
   * naming services in messages.
   */
  constructor(
    private readonly newService?: number,
    private readonly raw: RawSpec = {},
  ) {}

  record(path: string, text: string, hint?: string): void {
    this.given.set(path, { text, hint });
  }

  /** The spec paths something the user typed (or answered) set. */
  paths(): string[] {
    return [...this.given.keys()];
  }

  relabel(error: UsageError): UsageError {
    return new UsageError(this.relabelAll(error.problems), error.source);
  }

  relabelAll(problems: readonly Problem[]): Problem[] {
    return problems.map((problem) => this.relabelOne(problem));
  }

  private relabelOne(problem: Problem): Problem {
    const option = this.settingOption(problem.path);
    const given = this.givenAt(problem.path);
    const label = given?.text ?? (option && `--${option.name} ${option.value}`);
    const hint = given?.hint ?? problem.hint ?? (option && `e.g. ${option.example}`);
    const typed = label !== undefined && /^(--|add )/.test(label);
    return {
      ...problem,
      path: typed ? label : label ? `${problem.path} (${label})` : problem.path,
      message: namedServices(problem.message, this.raw),
      ...(hint && { hint: namedServices(hint, this.raw) }),
    };
  }

  /** The label of the most specific recorded path that is `path` or contains it. */
  private givenAt(path: string): Label | undefined {
    const best = this.paths()
      .filter((key) => covers(key, path))
      .sort((a, b) => b.length - a.length)[0];
    return best === undefined ? undefined : this.given.get(best);
  }

  /** The add flag that sets a path of the new service, e.g. `--image` for `services[2].image`. */
  private settingOption(path: string) {
    if (this.newService === undefined) return undefined;
    const field = new RegExp(`^services\\[${this.newService}\\]\\.(.+)$`).exec(path)?.[1];
    if (field === undefined) return undefined;
    return ADD_SERVICE_OPTIONS.find((option) => covers(option.target.field, field));
  }
}
