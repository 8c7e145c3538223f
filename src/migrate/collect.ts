import { isCredential, parseUrl } from "./credentials.js";
import { environmentEntries } from "./environment.js";
import type { ServicePlan } from "./model.js";

/**
 * Every credential value of the carried-over services (passwords, tokens, the password inside a URL),
 * gathered before any key is converted: a command or a build argument that contains one must not be
 * written, even when the credential belongs to another service.
 */
export function credentialValues(plans: readonly ServicePlan[]): string[] {
  const values = new Set<string>();
  for (const plan of plans) {
    if (plan.password) values.add(plan.password);
    for (const { name, value } of environmentEntries(plan.source)) {
      if (!value) continue;
      if (isCredential(name, value)) values.add(value);
      const password = parseUrl(value)?.password;
      if (password) values.add(password);
    }
  }
  return [...values];
}
