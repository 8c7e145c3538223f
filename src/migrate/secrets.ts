import type { SecretReport } from "../readers/report.js";
import type { StackSecretSpec } from "../spec/schema.js";

/**
 * Credentials the project's containers share, grouped by value: two containers that hold the same value
 * (the database's password and the app's copy of it) get the same Dagger secret, so they still agree
 * when the stack makes a new value per run. Values stay inside the converter; only names come out.
 *
 * A secret is made at run time when a catalog service of the stack takes it (a database's root password,
 * say): nothing outside the stack needs to know it, and it becomes a stack secret every container names.
 * Any other credential (an API key for a service outside the stack) is read from the host's environment
 * where the stack runs (`env://VAR`), never invented; the host has one value for it, so every container
 * reading the same variable agrees without a stack secret.
 */
interface SecretGroup {
  value: string;
  /** The variable names it appears under, first first. */
  names: string[];
  /** The host variable to read it from when the stack cannot make it. */
  hostVariable: string;
  users: string[];
  servedByCatalog: boolean;
}

export interface FinalSecret {
  name: string;
  /** For a stack secret (made at run time); absent for one read from the host. */
  spec?: StackSecretSpec;
  report: SecretReport;
}

export class SecretPool {
  private readonly groups: SecretGroup[] = [];
  private names?: string[];

  /** The group of a credential value, created on first sight; returns its id. */
  add(value: string, use: { name: string; user: string; catalog: boolean; hostVariable?: string }): number {
    let index = this.groups.findIndex((group) => group.value === value);
    if (index < 0) {
      index = this.groups.length;
      this.groups.push({
        value,
        names: [],
        hostVariable: use.hostVariable ?? use.name,
        users: [],
        servedByCatalog: false,
      });
    }
    const group = this.groups[index] as SecretGroup;
    if (!group.names.includes(use.name)) group.names.push(use.name);
    if (!group.users.includes(use.user)) group.users.push(use.user);
    group.servedByCatalog ||= use.catalog;
    return index;
  }

  /** The stack secret's name for a group; names are settled on first call, once every use is known. */
  nameOf(group: number): string {
    this.names ??= this.settleNames();
    return this.names[group] ?? "";
  }

  /** How a container names the group's value: the stack secret, or the host variable. */
  reference(group: number): { secret: string } | `env://${string}` {
    const found = this.groups[group];
    return found?.servedByCatalog === false ? `env://${found.hostVariable}` : { secret: this.nameOf(group) };
  }

  secrets(): FinalSecret[] {
    const seen = new Set<string>();
    return this.groups.flatMap((group, index) => {
      const name = this.nameOf(index);
      if (seen.has(name)) return [];
      seen.add(name);
      const generated = group.servedByCatalog;
      const users = this.groups.filter((_, other) => this.nameOf(other) === name).flatMap((g) => g.users);
      return [
        {
          name,
          ...(generated && { spec: { generate: true as const } }),
          report: {
            variable: name,
            usedBy: [...new Set(users)],
            source: generated ? ("generated" as const) : ("host" as const),
          },
        },
      ];
    });
  }

  /**
   * A group is named after its first variable. Two generated groups wanting one name get _2, _3; two
   * read from the same host variable are one secret (the host has one value for it).
   */
  private settleNames(): string[] {
    const owners = new Map<string, SecretGroup>();
    return this.groups.map((group) => {
      const base = group.servedByCatalog ? (group.names[0] ?? "SECRET") : group.hostVariable;
      let name = base;
      for (let suffix = 2; clashes(owners.get(name), group); suffix++) name = `${base}_${suffix}`;
      owners.set(name, group);
      return name;
    });
  }
}

function clashes(owner: SecretGroup | undefined, group: SecretGroup): boolean {
  if (!owner) return false;
  const bothFromHost = !owner.servedByCatalog && !group.servedByCatalog;
  return !(bothFromHost && owner.hostVariable === group.hostVariable);
}
