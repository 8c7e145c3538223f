import {
  assignment,
  atom,
  call,
  dict,
  kw,
  layout,
  list,
  type PyArg,
  type PyExpr,
  str,
  tuple,
} from "../../src/render/python/layout.js";

/** Random but reproducible Python built with the layout engine, for ruff to judge. */
export function randomModule(seed: number): string {
  const random = generator(seed);
  const lines = ["def f(self, cfg, dag):"];
  for (let index = 0; index < 120; index++) {
    const expression = expr(random, 0);
    if (index % 3 === 0) lines.push(...assignment(`v${index}`, expression, 4));
    else if (index % 3 === 1) {
      const element = call(".with_exec", expression, ...(random() < 0.5 ? [expr(random, 1)] : []));
      lines.push(
        "    x = (",
        "        dag.container()",
        "        # a comment keeps the chain",
        ...layout(element, 8),
        "    )",
      );
    } else lines.push(...layout(call("foo", expression), 4, "return "));
  }
  return `${lines.join("\n")}\n`;
}

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function word(random: () => number): string {
  const length = 1 + Math.floor(random() * (random() < 0.2 ? 90 : 30));
  return "x".repeat(length);
}

function expr(random: () => number, depth: number): PyExpr {
  const pick = random();
  const some = (count: number) =>
    Array.from({ length: Math.floor(random() * count) }, () => expr(random, depth + 1));
  if (depth > 2 || pick < 0.35) return random() < 0.5 ? str(word(random)) : atom(`cfg.${word(random)}`);
  if (pick < 0.6) {
    const args: PyArg[] = [
      ...some(3),
      ...Array.from({ length: Math.floor(random() * 2) }, () => kw("sharing", expr(random, depth + 1))),
    ];
    return call(random() < 0.5 ? "self._secret" : "dag.cache_volume", ...args);
  }
  if (pick < 0.75) return list(some(5));
  if (pick < 0.85) return tuple(some(3));
  return dict(some(3).map((value) => ({ key: str(word(random)), value })));
}
