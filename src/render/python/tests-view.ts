import { type TestEnvEntry, testEnvModel } from "../../plan/test-env.js";
import {
  isService,
  type MatrixAxis,
  type NormalizedService,
  type NormalizedStack,
  serviceByName,
} from "../../spec/model.js";
import { namesOf } from "../../spec/names.js";
import {
  assignment,
  atom,
  call,
  def,
  dict,
  docstring,
  flat,
  importLines,
  kw,
  layout,
  list,
  moduleDocstring,
  type PyExpr,
  str,
  strList,
  tuple,
} from "./layout.js";
import {
  conftestInWords,
  HEADER,
  MATRIX_MARKER,
  matrixMarker,
  moduleView,
  PACKAGE,
  pythonNames,
  STACK_MARKER,
  urlFixtureName,
} from "./names.js";
import { sortDunderAll, sortImportNames } from "./sort.js";

/**
 * The views of the pytest side that is not a smoke test: the fixtures plugin (with the matrix fixtures and
 * their markers), each matrix axis's test module, `up` and the package's __init__.py.
 */

/** The fixtures every test under tests/ gets through the conftest.py that loads the plugin. */
export function fixtureNames(stack: NormalizedStack): string[] {
  return [
    "anyio_backend",
    "stack_config",
    "connected_stack",
    "stack",
    ...stack.services.filter(isService).map(urlFixtureName),
    ...(stack.testEnv.length > 0 ? [STACK_ENV_FIXTURE] : []),
    ...stack.matrix.map((axis) => axis.name),
  ];
}

/** The fixture that sets testEnv's variables for the session. */
export const STACK_ENV_FIXTURE = "stack_env";

export function fixturesView(stack: NormalizedStack, conftest: string) {
  const names = pythonNames(stack);
  return {
    ...moduleView(stack, [
      `Pytest fixtures of the ${stack.names.kebab} stack, a pytest plugin that ${conftestInWords(conftest)} loads with \`pytest_plugins\`.`,
      "The anyio pytest plugin runs async tests and fixtures: mark a test module with `pytestmark = pytest.mark.anyio`. (anyio comes with dagger-io; `@pytest.mark.asyncio` would need pytest-asyncio as well.) The stack starts once per test session.",
    ]),
    stackImport: importLines(".stack", sortImportNames([names.stackClass, "ServiceName", "ServiceUrls"])),
    connected: assignment(
      "connected",
      call(names.stackClass, atom("stack_config"), kw("start_services", atom("False"))),
      4,
    ),
    stackDef: def("stack", [`connected_stack: ${names.stackClass}`], names.stackClass, true),
    testEnv:
      stack.testEnv.length > 0
        ? { def: def(STACK_ENV_FIXTURE, [`stack: ${names.stackClass}`], "Iterator[dict[str, str]]", false) }
        : undefined,
    markers: assignment("MARKERS", dict(markerEntries(stack)), 0),
    urlFixtures: stack.services
      .filter(isService)
      .map((service) => urlFixtureLines(service, names.stackClass)),
    matrixFixtures: stack.matrix.map((axis) => matrixFixtureLines(stack, axis, names.stackClass)),
  };
}

function markerEntries(stack: NormalizedStack): { key: PyExpr; value: PyExpr }[] {
  const entries = [
    {
      name: STACK_MARKER,
      text: "a test that starts the Dagger stack; only runs with -m naming a stack marker run it",
    },
    {
      name: MATRIX_MARKER,
      text: 'a test of the testing matrix; -m "stack and not matrix" selects the other stack tests',
    },
    ...stack.matrix.flatMap((axis) =>
      axis.targets.map((target) => ({
        name: matrixMarker(axis, target),
        text: `the ${target} entry of matrix.${axis.name}`,
      })),
    ),
  ];
  return entries.map((entry) => ({ key: str(entry.name), value: str(entry.text) }));
}

function urlFixtureLines(service: NormalizedService, stackClass: string): string[] {
  return [
    '@pytest.fixture(scope="session")',
    ...def(urlFixtureName(service), [`stack: ${stackClass}`], "str", false),
    ...docstring(`The URL of ${service.name} from this machine, through a Dagger tunnel on a free port.`, 4),
    ...layout(atom(`stack.urls()[${flat(str(service.name))}].host`), 4, "return "),
  ];
}

function matrixFixtureLines(stack: NormalizedStack, axis: MatrixAxis, stackClass: string): string[] {
  const params = axis.targets.map((target) =>
    call(
      "pytest.param",
      str(target),
      kw(
        "marks",
        list([atom(`pytest.mark.${MATRIX_MARKER}`), atom(`pytest.mark.${matrixMarker(axis, target)}`)]),
      ),
    ),
  );
  const targets = axis.targets.map((target) => serviceByName(stack, target).name);
  return [
    ...layout(call("@pytest.fixture", kw("params", list(params))), 0),
    ...def(axis.name, ["request: pytest.FixtureRequest", `stack: ${stackClass}`], "MatrixTarget", false),
    ...docstring(
      `The ${axis.name} under test: each of ${targets.join(", ")} in turn. A test that uses it carries the \`${MATRIX_MARKER}\` marker and one entry's marker, e.g. \`-m ${matrixMarker(axis, axis.targets[0] ?? "")}\`.`,
      4,
    ),
    "    name: ServiceName = request.param",
    "    return MatrixTarget(name=name, urls=stack.urls()[name])",
  ];
}

export function matrixView(stack: NormalizedStack, axis: MatrixAxis) {
  const targets = axis.targets.map((target) => serviceByName(stack, target).name);
  const first = axis.targets[0] ?? "";
  const doc = [
    `The testing matrix: every test here runs once per entry of matrix.${axis.name} (${targets.join(", ")}). Write the tests your code must pass against every ${axis.name} with the \`${axis.name}\` fixture; \`-m ${matrixMarker(axis, first)}\` runs one entry, \`-m "${STACK_MARKER} and not ${MATRIX_MARKER}"\` the other stack tests.`,
  ];
  return {
    header: HEADER,
    package: PACKAGE,
    doc: moduleDocstring(doc),
    test: [
      ...def(
        `test_the_selected_${axis.name}_is_up_and_reachable`,
        [`${axis.name}: MatrixTarget`],
        "None",
        true,
      ),
      ...layout(tuple(targets.map(str)), 4, `assert ${axis.name}.name in `),
      `    await can_connect(${axis.name}.urls.host)`,
    ],
  };
}

export function upView(stack: NormalizedStack, upCommand: string) {
  const names = pythonNames(stack);
  const pad = Math.max(0, ...stack.services.filter(isService).map((service) => service.name.length)) + 2;
  return {
    header: HEADER,
    ...names,
    moduleDoc: moduleDocstring([
      "Starts the stack for local development on the host ports in the config, prints each service's URL, and stops it cleanly on Ctrl-C.",
      `Run it from the project root with \`${upCommand}\` (through \`dagger run\` to see the engine's progress).`,
      `Passwords in the URLs are masked, since this output ends up in terminals, traces and CI logs: \`${upCommand} --show-passwords\` prints them.`,
    ]),
    stackLines: assignment(
      "stack",
      call(names.stackClass, kw("host_ports", str("fixed")), kw("log_output", atom("sys.stderr"))),
      4,
    ),
    printLine: `print(f"{name:<${pad}} {shown(url.host)}")`,
    extraPorts: stack.services.some((service) => service.extraPorts.length > 0),
    extraPortLine: `print(f"{name:<${pad}} {port.port}/{port.protocol} on port {port.host_port}")`,
  };
}

export function initView(stack: NormalizedStack) {
  const names = pythonNames(stack);
  return {
    ...moduleView(stack, [
      `The ${stack.names.kebab} stack on Dagger: \`${names.configClass}\`, \`${names.stackClass}\` and pytest fixtures.`,
    ]),
    all: assignment(
      "__all__",
      strList(sortDunderAll([names.configClass, names.stackClass, "ServiceUrls"])),
      0,
    ),
    stackImport: importLines(".stack", sortImportNames([names.stackClass, "ServiceUrls"])),
  };
}

/** tests/integration/test_stack_env.py: each variable of testEnv is set, a URL to the running service's. */
export function stackEnvView(stack: NormalizedStack) {
  const names = pythonNames(stack);
  return {
    header: HEADER,
    moduleDoc: moduleDocstring([
      "The variables your own tests read during the stack test run (testEnv in dagger-stack.json): the `stack_env` fixture sets them from the running stack, so code that reads them needs no change.",
    ]),
    package: PACKAGE,
    stackClass: names.stackClass,
    readsUrls: testEnvModel(stack).some((entry) => entry.source.type === "hostAddress"),
    usesStack: testEnvModel(stack).some(
      (entry) => entry.source.type === "hostUrl" || entry.source.type === "hostAddress",
    ),
    tests: testEnvModel(stack).map((entry) => stackEnvTest(stack, entry, names.stackClass)),
  };
}

function stackEnvTest(stack: NormalizedStack, { name, source }: TestEnvEntry, stackClass: string): string[] {
  const test = (what: string) => `test_${namesOf(`${name} ${what}`).snake}`;
  const actual = `os.environ[${flat(str(name))}]`;
  if (source.type === "hostUrl" || source.type === "hostAddress") {
    const service = serviceByName(stack, source.service).name;
    const host = `stack.urls()[${flat(str(service))}].host`;
    const expected =
      source.type === "hostUrl"
        ? host
        : source.part === "host"
          ? `urlsplit(${host}).hostname`
          : `str(urlsplit(${host}).port)`;
    const what = source.type === "hostUrl" ? "url" : source.part;
    return [
      ...def(
        test(`is the ${what} of ${service}`),
        [`${STACK_ENV_FIXTURE}: dict[str, str]`, `stack: ${stackClass}`],
        "None",
        true,
      ),
      ...layout(atom(`${actual} == ${expected}`), 4, "assert "),
    ];
  }
  return [
    ...def(test("is set"), [`${STACK_ENV_FIXTURE}: dict[str, str]`], "None", true),
    `    assert ${actual}`,
  ];
}
