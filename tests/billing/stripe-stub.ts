import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type StubSubscription = { id: string; status: Stripe.Subscription.Status; customer: string; tenantId: string; lookupKey: string | null };

/**
 * A local stand-in for the few Stripe API endpoints billing calls, over real HTTP, and a `stripe`
 * client pointed at it through its host/port/protocol options. Tests set each subscription's
 * current state (what a re-read returns) and read back the requests Stripe would have received.
 */
export async function startStripeStub() {
  const subscriptions = new Map<string, StubSubscription>();
  const requests: { method: string; path: string; body: URLSearchParams }[] = [];

  const asStripe = (s: StubSubscription) => ({
    id: s.id,
    object: "subscription",
    status: s.status,
    customer: s.customer,
    metadata: { tenant_id: s.tenantId },
    items: { object: "list", data: [{ id: `si_${s.id}`, object: "subscription_item", price: { id: `price_${s.lookupKey}`, object: "price", lookup_key: s.lookupKey } }] },
  });

  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stub");
      requests.push({ method: req.method ?? "GET", path: url.pathname, body: new URLSearchParams(raw) });
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": "req_stub" });
        res.end(JSON.stringify(body));
      };
      const sub = url.pathname.match(/^\/v1\/subscriptions\/([\w-]+)$/);
      if (req.method === "GET" && sub) {
        const found = subscriptions.get(sub[1]!);
        return found ? reply(200, asStripe(found)) : reply(404, { error: { type: "invalid_request_error", code: "resource_missing", message: "No such subscription" } });
      }
      if (req.method === "GET" && url.pathname === "/v1/prices") {
        const key = url.searchParams.get("lookup_keys[0]") ?? url.searchParams.get("lookup_keys[]");
        return reply(200, { object: "list", has_more: false, data: key ? [{ id: `price_${key}`, object: "price", lookup_key: key, active: true }] : [] });
      }
      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") return reply(200, { id: "cs_test_1", object: "checkout.session", url: "https://checkout.stripe.test/c/cs_test_1" });
      if (req.method === "POST" && url.pathname === "/v1/billing/meter_events") {
        return reply(200, { object: "billing.meter_event", event_name: new URLSearchParams(raw).get("event_name"), identifier: new URLSearchParams(raw).get("identifier") });
      }
      if (req.method === "POST" && url.pathname === "/v1/billing_portal/sessions") return reply(200, { id: "bps_1", object: "billing_portal.session", url: "https://billing.stripe.test/p/bps_1" });
      reply(404, { error: { type: "invalid_request_error", message: `stub has no ${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const stripe = new Stripe("sk_test_stub", { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0, telemetry: false });

  return {
    stripe,
    requests,
    setSubscription: (s: StubSubscription) => subscriptions.set(s.id, s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type StripeStub = Awaited<ReturnType<typeof startStripeStub>>;

export const WEBHOOK_SECRET = "whsec_test_secret";

/** A webhook request as Stripe sends it, signed with the library's own test helper. */
export function signedEvent(stripe: Stripe, event: { id: string; type: string; object: Record<string, unknown> }, secret = WEBHOOK_SECRET): Request {
  const payload = JSON.stringify({ id: event.id, object: "event", type: event.type, api_version: "2026-01-01", created: Math.floor(Date.now() / 1000), data: { object: event.object } });
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
  return new Request("http://localhost/api/stripe/webhook", { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload });
}
