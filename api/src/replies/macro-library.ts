import type { Label, MacroChannel, MacroLanguage } from "@surgedesk/shared";

export interface LibraryMacro {
  key: string;
  title: string;
  body: string;
  channel: MacroChannel;
  labels: Label[];
  language: MacroLanguage;
}

const ORDER_ISSUES: Label[] = ["order_status", "not_received", "damaged_item", "wrong_or_missing_item", "return_refund", "cancel_change", "payment_issue"];

type Entry = Omit<LibraryMacro, "key" | "language" | "title" | "body"> & { id: string; en: [string, string]; es: [string, string] };

/**
 * The library a brand needs before a campaign, in English and Spanish: what support playbooks
 * answer most during a launch. Private macros carry order details; public ones never do (the
 * PII guard would refuse them), which is why the public acknowledgement names no order.
 * TikTok public replies are capped at 150 characters, so the public ones stay short.
 * Spam and scams get no macro: they are hidden, not answered.
 */
const ENTRIES: Entry[] = [
  {
    id: "wismo",
    channel: "private",
    labels: ["order_status"],
    en: ["Order status (WISMO)", "Hi {{customer_name}}! Order {{order_id}} is {{order_status}}. You can follow it here: {{tracking_url}} (expected {{eta}}). Thanks for your patience! – {{agent_name}}"],
    es: ["Estado del pedido", "¡Hola {{customer_name}}! Tu pedido {{order_id}} está {{order_status}}. Puedes seguirlo aquí: {{tracking_url}} (llega aprox. el {{eta}}). ¡Gracias por tu paciencia! – {{agent_name}}"],
  },
  {
    id: "shipping_delay",
    channel: "private",
    labels: ["order_status", "not_received"],
    en: ["High-demand shipping delay", "Hi {{customer_name}}, the launch brought far more orders than we expected, so parcels are leaving a few days late. Order {{order_id}} is {{order_status}} and should arrive by {{eta}}. We're sorry for the wait. – {{agent_name}}"],
    es: ["Retraso por alta demanda", "Hola {{customer_name}}, el lanzamiento trajo muchísimos más pedidos de lo previsto y los envíos salen con unos días de retraso. Tu pedido {{order_id}} está {{order_status}} y debería llegar antes del {{eta}}. Perdona la espera. – {{agent_name}}"],
  },
  {
    id: "promo_clarification",
    channel: "public",
    labels: ["promo_confusion"],
    en: ["Creator code / promo clarification", "Hi @{{customer_handle}}! Creator codes work on full-price items and can't be combined with other offers. Still stuck? DM us 💛"],
    es: ["Aclaración de código / promo", "¡Hola @{{customer_handle}}! Los códigos de creador valen en productos a precio completo y no se combinan con otras ofertas. ¿Sigue sin ir? Escríbenos por DM 💛"],
  },
  {
    id: "promo_clarification_dm",
    channel: "private",
    labels: ["promo_confusion"],
    en: ["Creator code / promo in DM", "Hi {{customer_name}}! Creator codes work on full-price items and can't be combined with other offers or bundles. If your code still won't apply, send us a screenshot of the checkout and we'll sort it out. – {{agent_name}}"],
    es: ["Código de creador / promo por DM", "¡Hola {{customer_name}}! Los códigos de creador valen en productos a precio completo y no se combinan con otras ofertas ni packs. Si tu código sigue sin aplicarse, mándanos una captura del pago y lo resolvemos. – {{agent_name}}"],
  },
  {
    id: "return_intake",
    channel: "private",
    labels: ["return_refund"],
    en: ["Return intake", "Hi {{customer_name}}, happy to help with a return for order {{order_id}}. Please reply with: 1) the item(s) you're returning, 2) the reason, 3) photos if anything is wrong with it. We'll send your return label within a day. – {{agent_name}}"],
    es: ["Solicitud de devolución", "Hola {{customer_name}}, con gusto te ayudamos con la devolución del pedido {{order_id}}. Respóndenos con: 1) el/los artículo(s) que devuelves, 2) el motivo, 3) fotos si tiene algún problema. Te enviaremos la etiqueta en un día. – {{agent_name}}"],
  },
  {
    id: "damaged_evidence",
    channel: "private",
    labels: ["damaged_item"],
    en: ["Damaged item: evidence request", "Hi {{customer_name}}, we're so sorry order {{order_id}} arrived damaged. Could you send a photo of the item, one of the box and one of the shipping label? We'll arrange a replacement or refund right away. – {{agent_name}}"],
    es: ["Producto dañado: pedir evidencia", "Hola {{customer_name}}, sentimos mucho que el pedido {{order_id}} llegara dañado. ¿Nos mandas una foto del producto, otra de la caja y otra de la etiqueta de envío? Organizamos el cambio o reembolso enseguida. – {{agent_name}}"],
  },
  {
    id: "delivered_not_received",
    channel: "private",
    labels: ["not_received"],
    en: ["Delivered but not received", "Hi {{customer_name}}, the carrier shows order {{order_id}} as {{order_status}} ({{tracking_url}}). Could you check with neighbours, your mailroom or around the door? If it hasn't turned up in 48 hours, reply here and we'll open a claim. – {{agent_name}}"],
    es: ["Entregado pero no recibido", "Hola {{customer_name}}, la paquetería marca el pedido {{order_id}} como {{order_status}} ({{tracking_url}}). ¿Puedes consultar con vecinos, conserjería o alrededor de la puerta? Si en 48 horas no aparece, respóndenos y abrimos una reclamación. – {{agent_name}}"],
  },
  {
    id: "wrong_missing_item",
    channel: "private",
    labels: ["wrong_or_missing_item"],
    en: ["Wrong or missing item", "Hi {{customer_name}}, sorry about the mix-up with order {{order_id}}! Please send a photo of what arrived and tell us what's wrong or missing; we'll ship the right item at no cost. – {{agent_name}}"],
    es: ["Artículo equivocado o faltante", "Hola {{customer_name}}, ¡perdona la confusión con el pedido {{order_id}}! Mándanos una foto de lo que llegó y dinos qué falta o qué está mal; te enviamos lo correcto sin coste. – {{agent_name}}"],
  },
  {
    id: "cancel_change",
    channel: "private",
    labels: ["cancel_change"],
    en: ["Cancellation / address change", "Hi {{customer_name}}, order {{order_id}} is {{order_status}}. If it hasn't shipped yet we can still cancel it or change the address: reply with the full new address or \"cancel\" and we'll confirm. – {{agent_name}}"],
    es: ["Cancelación / cambio de dirección", "Hola {{customer_name}}, el pedido {{order_id}} está {{order_status}}. Si aún no ha salido podemos cancelarlo o cambiar la dirección: respóndenos con la dirección nueva completa o \"cancelar\" y te confirmamos. – {{agent_name}}"],
  },
  {
    id: "payment_issue",
    channel: "private",
    labels: ["payment_issue"],
    en: ["Payment issue", "Hi {{customer_name}}, thanks for flagging this. We're checking the payment for order {{order_id}} with our payments team. Please never send card details in a message; we'll only ask for the last 4 digits if needed. – {{agent_name}}"],
    es: ["Problema con el pago", "Hola {{customer_name}}, gracias por avisarnos. Estamos revisando el pago del pedido {{order_id}} con nuestro equipo. Nunca envíes datos de tarjeta por mensaje; si hace falta solo te pediremos los 4 últimos dígitos. – {{agent_name}}"],
  },
  {
    id: "comment_to_dm_ack",
    channel: "public",
    labels: ORDER_ISSUES,
    en: ["Comment-to-DM acknowledgement", "Hi @{{customer_handle}}, so sorry about this! We've sent you a DM so we can sort out your order privately 💌"],
    es: ["Respuesta pública: pasamos a DM", "Hola @{{customer_handle}}, ¡lo sentimos mucho! Te escribimos por DM para resolver tu pedido en privado 💌"],
  },
  {
    id: "dm_invite",
    channel: "public",
    labels: ORDER_ISSUES,
    en: ["Invite to message us", "Hi @{{customer_handle}}! Please send us a message from our profile so we can help with your order privately 💌"],
    es: ["Invitar a escribirnos", "¡Hola @{{customer_handle}}! Envíanos un mensaje desde nuestro perfil para ayudarte con tu pedido en privado 💌"],
  },
  {
    id: "product_answer",
    channel: "public",
    labels: ["product_question"],
    en: ["Product question: answer", "Hi @{{customer_handle}}! {{product_answer}} Anything else you'd like to know? 💛"],
    es: ["Pregunta de producto: respuesta", "¡Hola @{{customer_handle}}! {{product_answer}} ¿Algo más que quieras saber? 💛"],
  },
  {
    id: "product_answer_dm",
    channel: "private",
    labels: ["product_question"],
    en: ["Product question: answer in DM", "Hi {{customer_name}}, thanks for asking! {{product_answer}} Let us know if you have any other questions. – {{agent_name}}"],
    es: ["Pregunta de producto: respuesta por DM", "Hola {{customer_name}}, ¡gracias por preguntar! {{product_answer}} Si tienes cualquier otra duda, aquí estamos. – {{agent_name}}"],
  },
  {
    id: "praise_thanks",
    channel: "public",
    labels: ["praise"],
    en: ["Praise: thank and invite", "Thank you so much @{{customer_handle}}! 💛 Tag a friend who needs this, and we'd love a review if you have a minute ✨"],
    es: ["Elogio: agradecer e invitar", "¡Muchísimas gracias @{{customer_handle}}! 💛 Etiqueta a quien lo necesite, y si tienes un minuto nos encantaría tu reseña ✨"],
  },
  {
    id: "praise_thanks_dm",
    channel: "private",
    labels: ["praise"],
    en: ["Praise: thank in DM", "Hi {{customer_name}}, this made our day, thank you! 💛 If you have a minute, a review helps other customers find us. – {{agent_name}}"],
    es: ["Elogio: agradecer por DM", "Hola {{customer_name}}, ¡nos has alegrado el día, gracias! 💛 Si tienes un minuto, una reseña ayuda a que otros nos encuentren. – {{agent_name}}"],
  },
  {
    id: "manager_escalation",
    channel: "internal",
    labels: ["payment_issue", "not_received", "damaged_item", "return_refund"],
    en: ["Manager escalation note (internal)", "Escalation for a manager: @{{customer_handle}}, order {{order_id}} ({{order_status}}). Needs a decision on refund/replacement. Flagged by {{agent_name}} on {{date}}."],
    es: ["Nota de escalado (interna)", "Escalado a responsable: @{{customer_handle}}, pedido {{order_id}} ({{order_status}}). Requiere decisión de reembolso/reposición. Marcado por {{agent_name}} el {{date}}."],
  },
];

export const MACRO_LIBRARY: readonly LibraryMacro[] = ENTRIES.flatMap((entry) =>
  (["en", "es"] as const).map((language) => ({
    key: `${entry.id}.${language}`,
    title: entry[language][0],
    body: entry[language][1],
    channel: entry.channel,
    labels: entry.labels,
    language,
  })),
);
