// Preloaded with `node --import`: writes the URL of every module the process loads, one a line,
// to the file named by RECORD_LOADED_MODULES, so a test can tell what a server never loaded.
import { register } from "node:module";

register("./record-loaded-modules-hooks.mjs", import.meta.url, { data: { file: process.env.RECORD_LOADED_MODULES } });
