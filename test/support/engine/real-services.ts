import { freePort } from "../services/free-port.js";
import { redisCommands } from "../services/resp.js";
import type { RealServerKind } from "./pipeline-types.js";
import { ensurePostgresLogin } from "./postgres-login.js";
import { classifyService, type PostgresLogin, type ServiceKind } from "./service-kind.js";
import type { ObjectState, ObjectStore } from "./state.js";
import type { RealServices, ServerRequest } from "./types.js";

export interface TunnelAddress {
  host: string;
  port: number;
  realServer: RealServerKind;
}

/**
 * Answers tunnel endpoints with the addresses of real servers. One answer per tunnel (repeated starts
 * and endpoint calls are idempotent); role/database set-up is serialised, so concurrent requests are safe.
 */
export class RealServiceBroker {
  private readonly addresses = new Map<string, Promise<TunnelAddress>>();
  private readonly logins = new Map<string, Promise<void>>();
  private setupQueue: Promise<unknown> = Promise.resolve();
  private closedPort: Promise<number> | undefined;
  private readonly redisPasswords: string[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly realServices: RealServices,
    private readonly log: (line: string) => void,
  ) {}

  addressFor(tunnel: ObjectState): Promise<TunnelAddress> {
    let address = this.addresses.get(tunnel.id);
    if (!address) {
      address = this.resolve(tunnel);
      this.addresses.set(tunnel.id, address);
      // A failed set-up may be retried by the next request.
      address.catch(() => this.addresses.delete(tunnel.id));
    }
    return address;
  }

  private async resolve(tunnel: ObjectState): Promise<TunnelAddress> {
    const kind = classifyService(this.store, tunnel);
    const { postgres, redis } = this.realServices;
    if (kind.kind === "postgres" && postgres) {
      await this.ensureLogin(kind.login);
      return { host: postgres.host, port: postgres.port, realServer: "postgres" };
    }
    if (kind.kind === "redis" && redis) {
      if (kind.password !== undefined) await this.ensureRedisPassword(redis, kind.password);
      return { host: redis.host, port: redis.port, realServer: "redis" };
    }
    if (kind.kind === "launched") {
      const started = await this.realServices.launch?.(kind.request);
      if (started) {
        this.log(`real ${kind.request.server}: ${describeRequest(kind.request)}`);
        return { host: started.host, port: started.port, realServer: kind.request.server };
      }
    }
    if (kind.kind !== "none")
      this.log(`no real ${serverName(kind)} server configured; tunnel answers a closed port`);
    return { host: "127.0.0.1", port: await this.unusedPort(), realServer: "none" };
  }

  private ensureLogin(login: PostgresLogin): Promise<void> {
    const postgres = this.realServices.postgres;
    if (!postgres) return Promise.resolve();
    const key = JSON.stringify([login.user, login.password ?? null, login.database]);
    let pending = this.logins.get(key);
    if (!pending) {
      pending = this.enqueue(() => ensurePostgresLogin(postgres, login));
      this.logins.set(key, pending);
      pending.catch(() => this.logins.delete(key));
      this.log(`real postgres: role ${login.user}, database ${login.database}`);
    }
    return pending;
  }

  /**
   * Adds the password to the real Redis' default user, as `--requirepass` does in the container. Redis
   * keeps a list of valid passwords per user, so stacks with passwords of their own can share the server.
   * The change is made as the server's admin user: once the default user has a password, it needs one.
   */
  private ensureRedisPassword(redis: NonNullable<RealServices["redis"]>, password: string): Promise<void> {
    if (this.redisPasswords.includes(password)) return Promise.resolve();
    return this.enqueue(async () => {
      if (this.redisPasswords.includes(password)) return;
      const admin =
        redis.adminUser && redis.adminPassword ? [redis.adminUser, redis.adminPassword] : undefined;
      const commands = [
        ...(admin ? [["AUTH", ...admin]] : []),
        ["ACL", "SETUSER", "default", "on", `>${password}`],
      ];
      await redisCommands(redis.host, redis.port, commands);
      this.redisPasswords.push(password);
      this.log("real redis: password added for the default user");
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.setupQueue.then(task, task);
    this.setupQueue = next.catch(() => undefined);
    return next;
  }

  /** A port nothing listens on, for services no real server stands in for. */
  private unusedPort(): Promise<number> {
    this.closedPort ??= freePort();
    return this.closedPort;
  }
}

function serverName(kind: ServiceKind): string {
  return kind.kind === "launched" ? kind.request.server : kind.kind;
}

/** For the log: what the server was set up with, passwords left out. */
function describeRequest(request: ServerRequest): string {
  switch (request.server) {
    case "mariadb":
      return `user ${request.login.user}, database ${request.login.database ?? "(none)"}`;
    case "ferretdb":
      return request.login ? `root user ${request.login.user} in admin` : "no authentication";
    case "chromadb":
      return `version ${request.version}`;
    case "minio":
      return `${request.release}, root user ${request.rootUser ?? "(MinIO's default)"}`;
  }
}
