import { Socket } from "node:net";

/**
 * Sends one command in Redis' RESP protocol and returns the first reply line without its type marker,
 * e.g. `PONG` for `["PING"]`. Enough for health checks and tests; no redis client package needed.
 */
export function redisCommand(host: string, port: number, args: string[], timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let reply = "";
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`redis at ${host}:${port} did not answer`)));
    socket.once("error", fail);
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      const end = reply.indexOf("\r\n");
      if (end < 0) return;
      socket.end();
      const line = reply.slice(0, end);
      if (line.startsWith("-")) reject(new Error(`redis error: ${line.slice(1)}`));
      else resolve(line.slice(1));
    });
    socket.connect(port, host, () => socket.write(encodeCommand(args)));
  });
}

/**
 * Sends commands on one connection (e.g. AUTH, then what needs it) and resolves with their reply lines;
 * rejects on the first error reply. Every reply must be one line (`+OK`, `:1`, `-ERR ...`).
 */
export function redisCommands(
  host: string,
  port: number,
  commands: string[][],
  timeoutMs = 2_000,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let buffer = "";
    const replies: string[] = [];
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`redis at ${host}:${port} did not answer`)));
    socket.once("error", fail);
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (line.startsWith("-")) return fail(new Error(`redis error: ${line.slice(1)}`));
        replies.push(line.slice(1));
      }
      if (replies.length >= commands.length) {
        socket.end();
        resolve(replies);
      }
    });
    socket.connect(port, host, () => socket.write(commands.map(encodeCommand).join("")));
  });
}

function encodeCommand(args: string[]): string {
  const parts = args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
  return `*${args.length}\r\n${parts.join("")}`;
}
