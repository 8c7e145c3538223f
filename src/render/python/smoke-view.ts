import { extensionDatabase } from "../../plan/postgres-server.js";
import type { PostgresExtension } from "../../spec/catalog/extensions.js";
import { isService, type NormalizedService, type NormalizedStack, protocolOf } from "../../spec/model.js";
import { containerChecks, smokeTemplateName, summaryOf } from "../services.js";
import {
  assignment,
  atom,
  call,
  comment,
  def,
  docstring,
  flat,
  layout,
  literal,
  moduleDocstring,
  str,
  strList,
  tuple,
} from "./layout.js";
import { builderName, HEADER, PACKAGE, pythonNames, urlFixtureName } from "./names.js";

/**
 * The smoke test of one service, the same checks as the TypeScript ones: log in to a database (and use
 * each Postgres extension), store and read a value, answer HTTP below 500, accept TCP, or, for a container
 * that is not a service, build it and run its checks.
 */

export function smokeTemplate(service: NormalizedService): string {
  return `tests/integration/smoke/${smokeTemplateName(service)}.py.hbs`;
}

export function smokeView(stack: NormalizedStack, service: NormalizedService) {
  const names = pythonNames(stack);
  return {
    header: HEADER,
    ...names,
    package: PACKAGE,
    moduleDoc: moduleDocstring([smokeTitle(service)]),
    fixture: isService(service) ? urlFixtureName(service) : "connected_stack",
    tests: smokeTests(service, names.stackClass),
  };
}

function smokeTitle(service: NormalizedService): string {
  const kind = isService(service)
    ? "smoke tests through a Dagger tunnel"
    : "a container, not a service: the test builds and runs it";
  return `${summaryOf(service)}: ${kind}.`;
}

function smokeTests(service: NormalizedService, stackClass: string): string[][] {
  switch (protocolOf(service)) {
    case "postgres":
      return [
        postgresLogin(service),
        ...service.extensions.map((extension) => postgresExtension(service, extension)),
      ];
    case "redis":
      return [asyncTest("stores_and_reads_back_a_value", service, REDIS_BODY)];
    case "mysql":
      return [mysqlLogin(service)];
    case "mongodb":
      return [asyncTest("answers_ping_and_stores_a_document", service, MONGODB_BODY)];
    case "http":
      return [httpTest(service)];
    case "tcp":
      return [
        asyncTest("accepts_tcp_connections_through_its_tunnel", service, [
          `    await can_connect(${urlFixtureName(service)})`,
        ]),
      ];
    case "none":
      return [containerTest(service, stackClass)];
  }
}

function asyncTest(name: string, service: NormalizedService, body: string[], doc?: string): string[] {
  const param = isService(service) ? `${urlFixtureName(service)}: str` : "";
  return [
    ...def(`test_${name}`, param ? [param] : [], "None", true),
    ...(doc ? docstring(doc, 4) : []),
    ...body.map((line) => line.replaceAll("{url}", urlFixtureName(service))),
  ];
}

function postgresLogin(service: NormalizedService): string[] {
  const expected = literal([{ user: service.user ?? "", database: service.database ?? "" }]);
  return asyncTest("accepts_connections_with_the_generated_credentials", service, [
    ...queryCall(service, ["SELECT current_user AS user, current_database() AS database"]),
    ...layout(expected, 4, "assert rows == "),
  ]);
}

function postgresExtension(service: NormalizedService, extension: PostgresExtension): string[] {
  const create = `CREATE EXTENSION IF NOT EXISTS "${extension.sqlName}" CASCADE`;
  const database = extensionDatabase(service, extension);
  const url =
    database === service.database
      ? atom(urlFixtureName(service))
      : atom(`${urlFixtureName(service)}.rsplit("/", 1)[0] + ${flat(str(`/${database}`))}`);
  return asyncTest(
    `${extension.id.replace(/[^A-Za-z0-9]+/g, "_")}_extension`,
    service,
    [
      ...(database === service.database ? [] : comment(databaseNote(extension, database), 4)),
      ...assignment("rows", call("await query", url, ...[create, ...extension.smokeSql].map(str)), 4),
      ...layout(literal(extension.smokeRows), 4, "assert rows == "),
    ],
    `${extension.id}: CREATE EXTENSION, then use it.`,
  );
}

/** Why an extension's test connects to another database than the service's own. */
export function databaseNote(extension: PostgresExtension, database: string): string {
  return `${extension.id} can only be created in the database ${extension.databaseSetting ?? ""} names, ${database} here (the image sets it).`;
}

function queryCall(service: NormalizedService, statements: string[]): string[] {
  return assignment("rows", call("await query", atom(urlFixtureName(service)), ...statements.map(str)), 4);
}

const REDIS_BODY = [
  "    client = Redis.from_url({url})",
  "    try:",
  '        key = f"smoke:{os.getpid()}:{time.time_ns()}"',
  '        await client.set(key, "ok")',
  '        assert await client.get(key) == b"ok"',
  "        await client.delete(key)",
  "    finally:",
  "        await client.aclose()",
];

const MONGODB_BODY = [
  "    client: AsyncMongoClient = AsyncMongoClient({url})",
  "    try:",
  "        db = client.get_default_database()",
  '        assert (await db.command("ping"))["ok"] == 1',
  '        inserted = await db.smoke.insert_one({"ok": True})',
  '        found = await db.smoke.find_one({"_id": inserted.inserted_id})',
  '        assert found == {"_id": inserted.inserted_id, "ok": True}',
  "    finally:",
  "        await client.close()",
];

function mysqlLogin(service: NormalizedService): string[] {
  const query = call(
    "await cursor.execute",
    str("SELECT CURRENT_USER() LIKE %s AS user_ok, DATABASE() AS db"),
    tuple([str(`${service.user ?? ""}@%`)]),
  );
  return asyncTest("accepts_connections_with_the_generated_credentials", service, [
    "    url = urlsplit({url})",
    "    connection = await aiomysql.connect(",
    "        host=url.hostname,",
    "        port=url.port,",
    '        user=unquote(url.username or ""),',
    '        password=unquote(url.password or ""),',
    '        db=unquote(url.path.removeprefix("/")),',
    "    )",
    "    try:",
    "        async with connection.cursor() as cursor:",
    ...layout(query, 12),
    "            rows = await cursor.fetchall()",
    "    finally:",
    "        connection.close()",
    ...layout(tuple([tuple([atom("1"), str(service.database ?? "")])]), 4, "assert rows == "),
  ]);
}

function httpTest(service: NormalizedService): string[] {
  const path = service.healthPath ?? "/";
  return asyncTest(
    "answers_http_without_a_server_error",
    service,
    [
      "    async with httpx.AsyncClient(base_url={url}) as client:",
      ...assignment("response", call("await client.get", str(path)), 8),
      "    assert response.status_code < 500",
    ],
    `GET ${path} answers with a status below 500.`,
  );
}

function containerTest(service: NormalizedService, stackClass: string): string[] {
  const checks = containerChecks(service);
  return [
    ...def(
      "test_builds_with_its_packages_and_folders_in_place",
      [`connected_stack: ${stackClass}`],
      "None",
      true,
    ),
    "    output = await (",
    `        connected_stack.${builderName(service)}()`,
    ...checks.flatMap(({ note, args }) => [
      ...comment(note, 8),
      ...layout(call(".with_exec", strList(args)), 8),
    ]),
    ...comment("The container runs: it was built and starts.", 8),
    '        .with_exec(["echo", "ready"])',
    "        .stdout()",
    "    )",
    '    assert output.strip() == "ready"',
  ];
}
