import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Engine, GraphQLRequest } from "./engine.js";

const MAX_BODY_BYTES = 64 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves the engine's session API: `POST /query` with `Authorization: Basic base64("<token>:")` and a
 * JSON body `{query, variables?, operationName?}`, as both the TS (graphql-request) and the Python
 * (gql over httpx) SDKs send it. GraphQL errors are answered with status 200, like the engine.
 */
export async function serveEngine(engine: Engine, token: string): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    handle(engine, token, request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status !== 401) engine.rejectRequest(message);
      sendJson(response, status, { errors: [{ message }] });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function handle(engine: Engine, token: string, request: IncomingMessage, response: ServerResponse) {
  const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
  if (path !== "/query") throw new HttpError(404, `no such endpoint: ${path}`);
  if (!authorized(request, token)) throw new HttpError(401, "unauthorized: wrong or missing session token");
  if (request.method !== "POST") throw new HttpError(405, `method ${request.method} not allowed; use POST`);
  const body = parseBody(await readBody(request));
  sendJson(response, 200, await engine.run(body));
}

function authorized(request: IncomingMessage, token: string): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  if (!match?.[1]) return false;
  const [user] = Buffer.from(match[1], "base64").toString("utf8").split(":");
  return user === token;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string): GraphQLRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "request body is not JSON");
  }
  if (typeof body !== "object" || body === null || !("query" in body) || typeof body.query !== "string") {
    throw new HttpError(400, 'request body must be {"query": "..."}');
  }
  const { variables, operationName } = body as { variables?: unknown; operationName?: unknown };
  return {
    query: body.query,
    ...(isRecord(variables) ? { variables } : {}),
    ...(typeof operationName === "string" ? { operationName } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  response.end(text);
}
