import type { RequestHandler } from "msw";
import { tiktokBusinessHandlers, TIKTOK_BUSINESS_API } from "./business-api-handlers.ts";
import { TikTokBusinessWorld, type BusinessWorldOptions } from "./business-world.ts";
import { webhookDeliveries, type DeliveryOptions, type WebhookDelivery } from "./webhook-deliveries.ts";

export interface TikTokEmulator {
  world: TikTokBusinessWorld;
  /** For `startEmulatorServer(...)` (tests, demo mode). */
  handlers: RequestHandler[];
  /** Signs and hands over every webhook the world has queued since the last call. */
  takeDeliveries(options: DeliveryOptions): WebhookDelivery[];
}

/** A TikTok (API for Business + Business Messaging) to point Surgedesk at instead of the real one. */
export function createTikTokEmulator(options: BusinessWorldOptions & { baseUrl?: string } = {}): TikTokEmulator {
  const world = new TikTokBusinessWorld(options);
  return {
    world,
    handlers: tiktokBusinessHandlers(world, options.baseUrl ?? TIKTOK_BUSINESS_API),
    takeDeliveries: (deliveryOptions) => webhookDeliveries(world.takeWebhooks(), { at: world.now(), ...deliveryOptions }),
  };
}
