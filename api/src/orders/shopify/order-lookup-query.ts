/**
 * The one Admin GraphQL query order context needs: the newest order matching a search
 * (`name:#1234` or `email:…`), with what an agent tells a customer about it.
 */
export const ORDER_LOOKUP_QUERY = `query OrderLookup($query: String!) {
  orders(first: 1, query: $query, sortKey: CREATED_AT, reverse: true) {
    nodes {
      name
      email
      createdAt
      sourceName
      displayFinancialStatus
      displayFulfillmentStatus
      customer { displayName firstName }
      fulfillments(first: 5) {
        status
        estimatedDeliveryAt
        trackingInfo(first: 3) { number url company }
      }
    }
  }
}`;

/** Shopify's search syntax: a value with spaces or quotes must be quoted. */
export function orderSearch(by: { name: string } | { email: string }): string {
  const [field, value] = "name" in by ? ["name", by.name.startsWith("#") ? by.name : `#${by.name}`] : ["email", by.email];
  return `${field}:${/^[\w#@.+-]+$/.test(value) ? value : JSON.stringify(value)}`;
}
