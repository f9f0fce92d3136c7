// Module customization hooks (they run on the loader's own thread): each resolved URL is
// appended as it is resolved, so the record is complete whenever the test reads it.
import { appendFileSync } from "node:fs";

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}
