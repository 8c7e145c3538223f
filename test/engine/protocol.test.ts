import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from "graphql";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  defaultSchemaPath,
  type EngineStandIn,
  rawQuery,
  schemaAvailable,
  startEngineStandIn,
} from "../support/engine/index.js";

const schemaReady = schemaAvailable();
const skipNote = `skipped: Dagger schema not found at ${defaultSchemaPath()}`;
if (!schemaReady) console.warn(`engine stand-in protocol tests ${skipNote}`);

describe.skipIf(!schemaReady)(`engine stand-in wire protocol${schemaReady ? "" : ` (${skipNote})`}`, () => {
  let standIn: EngineStandIn;

  beforeEach(async () => {
    standIn = await startEngineStandIn();
  });

  afterEach(async () => {
    await standIn.close();
  });

  it("answers 401 without the session token or with a wrong one", async () => {
    expect((await rawQuery(standIn, "{ version }", { token: null })).status).toBe(401);
    expect((await rawQuery(standIn, "{ version }", { token: "not-the-token" })).status).toBe(401);
    const ok = await rawQuery(standIn, "{ version }");
    expect(ok).toEqual({ status: 200, body: { data: { version: "v0.21.8" } } });
  });

  it("rejects unknown fields, unknown arguments and missing required arguments", async () => {
    const cases = [
      ["{ container { asVolume { id } } }", /Cannot query field "asVolume" on type "Container"/],
      ['{ loadVolumeFromID(id: "x") { id } }', /Cannot query field "loadVolumeFromID" on type "Query"/],
      ['{ container { from(address: "alpine", pull: true) { id } } }', /Unknown argument "pull"/],
      ["{ container { from { id } } }", /argument "address" of type "String!" is required/],
    ] as const;
    for (const [query, message] of cases) {
      const { status, body } = await rawQuery(standIn, query);
      expect(status).toBe(200);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.message).toMatch(message);
    }
    expect(standIn.errors()).toHaveLength(cases.length);
  });

  it("accepts enum values quoted inside input objects, as the TS SDK sends them", async () => {
    const service = await idOf(
      standIn,
      '{ container { from(address: "redis:7") { withExposedPort(port: 6379) { asService { id } } } } }',
    );
    const tunnel = await rawQuery(
      standIn,
      `{ host { tunnel(service: "${service}", ports: [{backend: 6379, frontend: 16379, protocol: "TCP"}]) { id } } }`,
    );
    expect(tunnel.body.errors).toBeUndefined();
    expect(standIn.pipeline().services[1]?.ports).toEqual([
      { backend: 6379, frontend: 16379, protocol: "TCP" },
    ]);
  });

  it("resolves node(id:) and load<Type>FromID to the concrete type", async () => {
    const service = await idOf(standIn, '{ container { from(address: "redis:7") { asService { id } } } }');
    const node = await rawQuery(standIn, `{ node(id: "${service}") { __typename ... on Service { id } } }`);
    expect(node.body).toEqual({ data: { node: { __typename: "Service", id: service } } });
    const loaded = await rawQuery(standIn, `{ loadServiceFromID(id: "${service}") { __typename } }`);
    expect(loaded.body).toEqual({ data: { loadServiceFromID: { __typename: "Service" } } });
    const wrongType = await rawQuery(standIn, `{ loadContainerFromID(id: "${service}") { id } }`);
    expect(wrongType.body.errors?.[0]?.message).toMatch(/refers to a Service, expected a Container/);
  });

  it("issues opaque base64 IDs that are equal for equal pipelines", async () => {
    const query = '{ container { from(address: "alpine:3.20") { withExec(args: ["true"]) { id } } } }';
    const first = await idOf(standIn, query);
    expect(first).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(first).not.toMatch(/^\d+$/);
    expect(await idOf(standIn, query)).toBe(first);
    expect(await idOf(standIn, query.replace("3.20", "3.21"))).not.toBe(first);
  });

  it("rejects IDs it never issued", async () => {
    const { body } = await rawQuery(
      standIn,
      '{ container { withSecretVariable(name: "X", secret: "bm9wZQ==") { id } } }',
    );
    expect(body.errors?.[0]?.message).toMatch(/unknown object ID/);
    expect(standIn.errors()).toHaveLength(1);
  });

  it("answers the standard introspection query with the published schema", async () => {
    const { body } = await rawQuery(standIn, getIntrospectionQuery({ inputValueDeprecation: true }));
    const schema = buildClientSchema(body.data as IntrospectionQuery);
    expect(schema.getType("Container")?.toString()).toBe("Container");
    expect(schema.getQueryType()?.getFields().container).toBeDefined();
    expect(schema.getQueryType()?.getFields().loadContainerFromID).toBeDefined();
    expect(standIn.errors()).toEqual([]);
  });

  it("serves several clients at once", async () => {
    const queries = Array.from(
      { length: 20 },
      (_, i) => `{ container { from(address: "alpine:3.${i}") { id } } }`,
    );
    const ids = await Promise.all(queries.map((query) => idOf(standIn, query)));
    expect(new Set(ids).size).toBe(queries.length);
    expect(standIn.pipeline().containers).toHaveLength(queries.length);
  });
});

async function idOf(standIn: EngineStandIn, query: string): Promise<string> {
  const { body } = await rawQuery(standIn, query);
  expect(body.errors).toBeUndefined();
  const id = JSON.stringify(body.data).match(/"id":"([^"]+)"/)?.[1];
  if (!id) throw new Error(`no id in ${JSON.stringify(body)}`);
  return id;
}
