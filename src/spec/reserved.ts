/** Words a service or fixture name cannot be, because it lands as an identifier in generated code. */
const JS_RESERVED = `break case catch class const continue debugger default delete do else enum export extends
false finally for function if implements import in instanceof interface let new null package private protected
public return static super switch this throw true try typeof var void while with yield await async`;

const PYTHON_RESERVED = `and as assert async await break class continue def del elif else except finally for from
global if import in is lambda nonlocal not or pass raise return try while with yield none true false`;

/** Names the generated code already uses for its own fixtures and members. */
const GENERATED =
  "stack config matrix request urls services client self stack_config connected_stack anyio_backend";

/**
 * Fixture names Vitest's test context already has: a matrix fixture named so would hide it (an axis
 * `on_test_failed` is the fixture `onTestFailed` in TypeScript).
 */
const VITEST_CONTEXT = "task expect skip signal annotate onTestFailed onTestFinished";

/** Types and classes the generated modules declare or import; a project-derived type must not be one. */
export const GENERATED_TYPES: ReadonlySet<string> = new Set(
  `ServiceUrls StartOptions ServiceEntry SharedStack MatrixTarget StackFixtures ProvidedContext TestProject
  Writable Client Container Service CacheSharingMode MongoClient AsyncMongoClient Redis ServiceName HostPorts
  AsyncIterator Callable Literal Self TextIO Path`.split(/\s+/),
);

export const RESERVED_NAMES: ReadonlySet<string> = new Set(
  `${JS_RESERVED} ${PYTHON_RESERVED} ${GENERATED} ${VITEST_CONTEXT}`.split(/\s+/).filter(Boolean),
);

/**
 * Members the generated stack classes have of their own. A service adds `build<Name>()` and
 * `<name>Url()` in TypeScript, `build_<name>()` and `_<name>_url()` in Python; none may be one of these
 * (a service `internal` would make a second `internalUrl`).
 */
export const STACK_CLASS_MEMBERS = {
  TypeScript: new Set(
    `client session release services hostEndpoints tunnels registry config start connect urls stop open
    startServices startService started stopServices service urlsOf internalUrl portsOf secret dag withClient`.split(
      /\s+/,
    ),
  ),
  Python: new Set(
    `config _start_services _host_ports _log_output _session _services _tunnels _endpoints urls start stop
    service internal_url _registry _start_service _stop_service _urls_of _secret _client _started dag
    with_client`.split(/\s+/),
  ),
} as const;
