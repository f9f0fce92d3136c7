// A schema's `.meta({ id })` is its name among the schemas of the API's OpenAPI document
// (docs/openapi.json), where routes refer to it instead of repeating it.
export * from "./platform.ts";
export * from "./message.ts";
export * from "./api-error.ts";
export * from "./health.ts";
export * from "./labels.ts";
export * from "./classification.ts";
export * from "./account.ts";
export * from "./spikes.ts";
export * from "./user.ts";
export * from "./queues.ts";
export * from "./sla.ts";
export * from "./bulk-actions.ts";
export * from "./live-events.ts";
export * from "./message-context.ts";
export * from "./replies.ts";
export * from "./models.ts";
export * from "./ingest.ts";
export * from "./contacts.ts";
export * from "./audit.ts";
export * from "./orders.ts";
export * from "./order-queues.ts";
export * from "./order-search.ts";
export * from "./order-settings.ts";
export * from "./moderation.ts";
export * from "./notes.ts";
