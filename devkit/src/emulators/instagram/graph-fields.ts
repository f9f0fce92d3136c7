import { graphFailures } from "./graph-failure.ts";

/** One requested field: `replies.limit(10){id,text}` is `{ name: "replies", limit: 10, sub: […] }`. */
export interface FieldSpec {
  name: string;
  limit?: number;
  sub?: FieldSpec[];
}

/**
 * Parses Graph's field expansion syntax (`id,from,replies.limit(5){id,text}`), so the emulator
 * answers with what was asked for, as Graph does, and a misspelled field fails loudly.
 */
export function parseFields(expression: string): FieldSpec[] {
  let at = 0;
  const fail = (): never => {
    throw graphFailures.invalidParameter(`Syntax error "Expected end of string instead of "${expression.slice(at, at + 1)}"." at character ${at}: ${expression}`);
  };
  function name(): string {
    const match = /^[a-z_][a-z0-9_]*/i.exec(expression.slice(at));
    if (!match) return fail();
    at += match[0].length;
    return match[0];
  }
  function item(): FieldSpec {
    const spec: FieldSpec = { name: name() };
    while (expression[at] === ".") {
      at += 1;
      const modifier = name();
      const args = /^\(([^)]*)\)/.exec(expression.slice(at));
      if (!args) return fail();
      at += args[0].length;
      if (modifier === "limit") spec.limit = Number(args[1]);
    }
    if (expression[at] === "{") {
      at += 1;
      spec.sub = list();
      if (expression[at] !== "}") return fail();
      at += 1;
    }
    return spec;
  }
  function list(): FieldSpec[] {
    const items = [item()];
    while (expression[at] === ",") {
      at += 1;
      items.push(item());
    }
    return items;
  }
  const specs = list();
  if (at !== expression.length) fail();
  return specs;
}

/**
 * Picks the requested fields from a node. `read` answers one field (or `undefined` to omit it,
 * as Graph omits empty edges); a field the node type does not have is an error.
 */
export function project(
  specs: FieldSpec[],
  nodeType: string,
  known: readonly string[],
  read: (spec: FieldSpec) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    if (!known.includes(spec.name)) throw graphFailures.nonexistingField(spec.name, nodeType);
    const value = read(spec);
    if (value !== undefined) out[spec.name] = value;
  }
  // Graph always returns the id of a node it was asked about.
  if (known.includes("id") && !("id" in out)) out.id = read({ name: "id" });
  return out;
}
