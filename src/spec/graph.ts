/** Dependency graph helpers shared by validation (cycles) and normalisation (start levels). */
export type Edges = ReadonlyMap<string, readonly string[]>;

/** Returns each cycle once, as the path that closes it: [a, b, a]. */
export function findCycles(edges: Edges): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const seen = new Set<string>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === "done") return;
    if (state.get(node) === "visiting") {
      const cycle = [...path.slice(path.indexOf(node)), node];
      const key = [...cycle.slice(0, -1)].sort().join(",");
      if (!seen.has(key)) cycles.push(cycle);
      seen.add(key);
      return;
    }
    state.set(node, "visiting");
    for (const next of edges.get(node) ?? []) if (edges.has(next)) visit(next, [...path, node]);
    state.set(node, "done");
  };
  for (const node of edges.keys()) visit(node, []);
  return cycles;
}

/** Groups nodes so that every node's dependencies sit in an earlier group; input must be acyclic. */
export function levels(edges: Edges): string[][] {
  const result: string[][] = [];
  const placed = new Set<string>();
  while (placed.size < edges.size) {
    const ready = [...edges.keys()].filter(
      (node) =>
        !placed.has(node) && (edges.get(node) ?? []).every((dep) => placed.has(dep) || !edges.has(dep)),
    );
    if (ready.length === 0) throw new Error("dependency cycle");
    for (const node of ready) placed.add(node);
    result.push(ready);
  }
  return result;
}
