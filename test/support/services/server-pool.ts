import type { RealServer } from "./real-server.js";

/**
 * Servers started on first use, one per key (for a login, the login: a server each for two services whose
 * users share a name but not a password). A failed start is forgotten, so the next request tries again.
 */
export class ServerPool {
  private readonly servers = new Map<string, Promise<RealServer>>();
  private closed = false;

  get(key: string, start: () => Promise<RealServer>): Promise<RealServer> {
    if (this.closed) return Promise.reject(new Error("the server pool is stopped"));
    let server = this.servers.get(key);
    if (!server) {
      server = start();
      this.servers.set(key, server);
      server.catch(() => this.servers.delete(key));
    }
    return server;
  }

  /** Stops every server started, including those still starting. */
  async stopAll(): Promise<void> {
    this.closed = true;
    const pending = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(
      pending.map((server) => server.then((started) => started.stop()).catch(() => undefined)),
    );
  }
}
