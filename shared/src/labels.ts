import { z } from "zod";

/**
 * The case-type taxonomy. One list, read by the classifier, the console and the reply engine.
 * Stages follow the brands' playbooks: route by where the order is.
 */
export const PLAYBOOK_STAGES = ["pre_fulfillment", "in_transit", "delivered", "post_purchase", "social"] as const;
export const playbookStageSchema = z.enum(PLAYBOOK_STAGES);
export type PlaybookStage = z.infer<typeof playbookStageSchema>;

export const LABELS = [
  "order_status",
  "not_received",
  "damaged_item",
  "wrong_or_missing_item",
  "return_refund",
  "cancel_change",
  "payment_issue",
  "promo_confusion",
  "product_question",
  "praise",
  "spam_scam",
  "other",
] as const;
export const labelSchema = z.enum(LABELS);
export type Label = z.infer<typeof labelSchema>;

export interface LabelInfo {
  title: string;
  description: string;
  stage: PlaybookStage;
  /** An order problem: counts toward the "Order issues" queue and support load. */
  orderIssue: boolean;
}

export const LABEL_INFO: Record<Label, LabelInfo> = {
  order_status: {
    title: "Order status",
    description: "Where is my order, tracking, shipping delay (WISMO).",
    stage: "in_transit",
    orderIssue: true,
  },
  not_received: {
    title: "Not received",
    description: "Marked delivered but not here, lost parcel.",
    stage: "delivered",
    orderIssue: true,
  },
  damaged_item: {
    title: "Damaged item",
    description: "Arrived broken, leaking, crushed or defective.",
    stage: "delivered",
    orderIssue: true,
  },
  wrong_or_missing_item: {
    title: "Wrong or missing item",
    description: "Wrong size, colour or product received, or an item missing from the parcel.",
    stage: "delivered",
    orderIssue: true,
  },
  return_refund: {
    title: "Return / refund",
    description: "Return, refund or exchange requests and their follow-up.",
    stage: "post_purchase",
    orderIssue: true,
  },
  cancel_change: {
    title: "Cancel / change",
    description: "Cancel, or change address, size or variant before shipping.",
    stage: "pre_fulfillment",
    orderIssue: true,
  },
  payment_issue: {
    title: "Payment issue",
    description: "Double charge, declined card, charged but no order.",
    stage: "pre_fulfillment",
    orderIssue: true,
  },
  promo_confusion: {
    title: "Promo confusion",
    description: "Creator code not working, discount or price mismatch, flash-sale terms.",
    stage: "pre_fulfillment",
    orderIssue: false,
  },
  product_question: {
    title: "Product question",
    description: "Size, stock, restock, how to use, shipping to a country.",
    stage: "social",
    orderIssue: false,
  },
  praise: {
    title: "Praise",
    description: "Compliments, love for the product or creator.",
    stage: "social",
    orderIssue: false,
  },
  spam_scam: {
    title: "Spam / scam",
    description: "Bot promos, 'DM me to earn', phishing or fake-shop links.",
    stage: "social",
    orderIssue: false,
  },
  other: {
    title: "Other",
    description: "Anything else: chatter, tags, unrelated questions.",
    stage: "social",
    orderIssue: false,
  },
};

export const ESCALATION_LEVELS = ["low", "medium", "high"] as const;
export const escalationLevelSchema = z.enum(ESCALATION_LEVELS);
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;
