import type { Healthcheck } from "../readers/inventory.js";
import type { HealthcheckSpec } from "../spec/schema.js";
import type { Verdict } from "./model.js";

/**
 * A compose healthcheck as the service's readiness: `["CMD", ...]` runs the words, `["CMD-SHELL", "..."]`
 * (or a string) runs in a shell, `disable` and `["NONE"]` turn the image's own check off. Durations stay
 * as compose writes them.
 */
export function convertHealthcheck(check: Healthcheck): { spec?: HealthcheckSpec; verdict: Verdict } {
  const [form, ...rest] = check.test ?? [];
  if (check.disable === true || form === "NONE") return { spec: "none", verdict: { status: "converted" } };
  if (form === undefined) {
    return {
      verdict: {
        status: "dropped",
        note: "it only sets timings for the image's own HEALTHCHECK; the stack keeps the image's",
      },
    };
  }
  const test = form === "CMD-SHELL" ? rest.join(" ") : form === "CMD" ? rest : [form, ...rest];
  const spec: Exclude<HealthcheckSpec, "none"> = { test };
  if (check.interval !== undefined) spec.interval = check.interval;
  if (check.timeout !== undefined) spec.timeout = check.timeout;
  if (check.retries !== undefined) spec.retries = check.retries;
  if (check.start_period !== undefined) spec.startPeriod = check.start_period;
  if (check.start_interval !== undefined) spec.startInterval = check.start_interval;
  return { spec, verdict: { status: "converted" } };
}
