import type { AccountChannel, Platform } from "@surgedesk/shared";
import type { Connector, EventNormalizer } from "./contract.ts";
import type { NormalizeResult } from "./normalized-message.ts";
import type { ResourcePoller } from "./resource-poller.ts";
import { instagramConnector } from "../platforms/instagram/index.ts";
import { tiktokConnector } from "../platforms/tiktok/index.ts";
import { tiktokShopConnector } from "../platforms/tiktok-shop/index.ts";

/** The platforms Surgedesk ships with. A new platform is a folder under `platforms/` and a line here. */
export const SHIPPED_CONNECTORS: readonly Connector[] = [instagramConnector, tiktokConnector, tiktokShopConnector];

/** The connectors one running product uses, looked up the ways the features need. */
export interface ConnectorRegistry {
  all: readonly Connector[];
  forChannel(channel: AccountChannel): Connector;
  /** The platform a stored event format belongs to; throws on a format no connector owns. */
  platformOfFormat(format: string): Platform;
  normalize(format: string, body: string): NormalizeResult;
  findPoller(resource: string): ResourcePoller | undefined;
}

export function createConnectorRegistry(connectors: readonly Connector[] = SHIPPED_CONNECTORS): ConnectorRegistry {
  const byChannel = new Map<string, Connector>();
  const formats = new Map<string, { connector: Connector; normalize: EventNormalizer }>();
  const pollers = new Map<string, ResourcePoller>();
  for (const connector of connectors) {
    if (byChannel.has(connector.channel)) throw new Error(`two connectors for channel "${connector.channel}"`);
    byChannel.set(connector.channel, connector);
    for (const [format, normalize] of Object.entries(connector.eventFormats)) {
      if (formats.has(format)) throw new Error(`event format "${format}" is claimed by two connectors`);
      formats.set(format, { connector, normalize });
    }
    for (const poller of connector.pollers) {
      if (pollers.has(poller.resource)) throw new Error(`resource "${poller.resource}" has two pollers`);
      pollers.set(poller.resource, poller);
    }
  }
  const formatEntry = (format: string) => {
    const entry = formats.get(format);
    if (!entry) throw new Error(`no connector reads event format "${format}"`);
    return entry;
  };
  return {
    all: connectors,
    forChannel(channel) {
      const connector = byChannel.get(channel);
      if (!connector) throw new Error(`no connector for channel "${channel}"`);
      return connector;
    },
    platformOfFormat: (format) => formatEntry(format).connector.platform,
    normalize: (format, body) => formatEntry(format).normalize(body),
    findPoller: (resource) => pollers.get(resource),
  };
}

/** The shipped platforms' registry: what the product runs unless a test hands it another list. */
export const shippedConnectors: ConnectorRegistry = createConnectorRegistry(SHIPPED_CONNECTORS);
