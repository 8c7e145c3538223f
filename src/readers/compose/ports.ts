import type { Port } from "./model.js";

/**
 * The short port syntax `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` in long form. A container
 * range becomes one entry per port (paired with a host range of the same size, when given); a host range
 * for a single container port stays a range in `published`, as compose keeps it.
 */
export class PortSyntaxError extends Error {
  constructor(readonly spec: string) {
    super(`"${spec}" is not a port mapping`);
    this.name = "PortSyntaxError";
  }
}

export function parsePortShort(spec: string | number): Port[] {
  const text = String(spec);
  const [mapping = "", protocol] = text.split("/");
  const { hostIp, host, container } = splitMapping(mapping, text);
  const targets = range(container, text);
  const published = host === undefined || host === "" ? undefined : host;
  const base = (target: number, hostPort?: string): Port => ({
    target,
    ...(hostPort === undefined ? {} : { published: hostPort }),
    ...(hostIp === undefined ? {} : { host_ip: hostIp }),
    ...(protocol === undefined ? {} : { protocol }),
  });
  if (targets.length === 1) return [base(targets[0] ?? 0, published)];
  if (published === undefined) return targets.map((target) => base(target));
  const hosts = range(published, text);
  if (hosts.length !== targets.length) throw new PortSyntaxError(text);
  return targets.map((target, index) => base(target, String(hosts[index])));
}

function splitMapping(mapping: string, text: string): { hostIp?: string; host?: string; container: string } {
  const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(mapping);
  if (bracketed) {
    const [host, container, ...rest] = (bracketed[2] ?? "").split(":");
    if (container === undefined || rest.length > 0) throw new PortSyntaxError(text);
    return { hostIp: bracketed[1] ?? "", host, container };
  }
  const parts = mapping.split(":");
  if (parts.length === 1) return { container: parts[0] ?? "" };
  if (parts.length === 2) return { host: parts[0], container: parts[1] ?? "" };
  if (parts.length === 3) return { hostIp: parts[0], host: parts[1], container: parts[2] ?? "" };
  throw new PortSyntaxError(text);
}

function range(text: string, spec: string): number[] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) throw new PortSyntaxError(spec);
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (end < start) throw new PortSyntaxError(spec);
  return Array.from({ length: end - start + 1 }, (_, index) => start + index);
}
