/** What the console imports from the API package: types only, never runtime code. */
export type { AppType } from "./app.ts";
