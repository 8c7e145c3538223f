import type { EngineStandIn } from "./types.js";

export interface RawResponse {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** Posts a query the way the SDKs do, without an SDK; `token: null` sends no Authorization header. */
export async function rawQuery(
  standIn: Pick<EngineStandIn, "port" | "token">,
  query: string,
  options: { token?: string | null; variables?: Record<string, unknown> } = {},
): Promise<RawResponse> {
  const token = options.token === undefined ? standIn.token : options.token;
  const response = await fetch(`http://127.0.0.1:${standIn.port}/query`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(token === null ? {} : { Authorization: `Basic ${Buffer.from(`${token}:`).toString("base64")}` }),
    },
    body: JSON.stringify({ query, ...(options.variables ? { variables: options.variables } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as RawResponse["body"] };
}
