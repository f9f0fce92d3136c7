import type { PollContext } from "../../connectors/contract.ts";
import { createGraphClient } from "./graph-client.ts";

/** The Graph client a poll uses: the configured host, the account's token for this call only. */
export function graphClientFor(context: Pick<PollContext, "config" | "accessToken">) {
  return createGraphClient({ baseUrl: context.config.apiUrls.instagramGraph, accessToken: context.accessToken });
}
