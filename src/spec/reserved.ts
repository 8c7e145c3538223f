/** Words a service or fixture name cannot be, because it lands as an identifier in generated code. */
const JS_RESERVED = `break case catch class const continue debugger default delete do else enum export extends
false finally for function if implements import in instanceof interface let new null package private protected
public return static super switch this throw true try typeof var void while with yield await async`;

const PYTHON_RESERVED = `and as assert async await break class continue def del elif else except finally for from
global if import in is lambda nonlocal not or pass raise return try while with yield none true false`;

/** Names the generated code already uses for its own fixtures and members. */
const GENERATED =
  "stack config matrix request urls services client self stack_config connected_stack anyio_backend";

export const RESERVED_NAMES: ReadonlySet<string> = new Set(
  `${JS_RESERVED} ${PYTHON_RESERVED} ${GENERATED}`.split(/\s+/).filter(Boolean),
);
