import { ApolloClient, InMemoryCache, HttpLink, gql, ApolloLink, CombinedGraphQLErrors } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { relayStylePagination } from "@apollo/client/utilities";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { createClient as wsClient } from "graphql-ws";
import { createClient as sseClient } from "graphql-sse";
import { getMainDefinition } from "@apollo/client/utilities";
import { createHash } from "node:crypto";
import WebSocket from "ws";

const BASE = process.env.BASE ?? "http://127.0.0.1:8080";
const check = (c: unknown, m: string) => console.log(c ? "ok:" : "MISMATCH:", m);
let token: string | undefined;
const seen: string[] = [];
const spy: typeof fetch = async (input, init) => {
  const r = await fetch(input, init);
  const txt = r.status >= 400 ? await r.clone().text() : ""; seen.push(`${init?.method ?? "GET"} ${String(input).slice(0, 60)} ${r.status} ${txt.slice(0, 300)} hasQuery=${String(init?.body).includes("\"query\"")} ${r.headers.get("content-type")} body=${String(init?.body ?? "").slice(0, 120)}`);
  return r;
};
const auth = new SetContextLink((prev) => ({ headers: { ...prev.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } }));
const apq = new PersistedQueryLink({ sha256: (q: string) => createHash("sha256").update(q).digest("hex") });
const ws = wsClient({ url: BASE.replace("http", "ws") + "/graphql-ws", webSocketImpl: WebSocket, connectionParams: () => ({ Authorization: `Bearer ${token}` }), lazy: true });
const http = ApolloLink.from([auth, apq, new HttpLink({ uri: `${BASE}/graphql`, fetch: spy })]);
const link = ApolloLink.split(({ query }) => { const d = getMainDefinition(query); return d.kind === "OperationDefinition" && d.operation === "subscription"; }, new GraphQLWsLink(ws), http);
const cache = new InMemoryCache({ typePolicies: { Query: { fields: { properties: relayStylePagination(["filter", "sort"]) } } } });
const client = new ApolloClient({ link, cache });

const PROPS = gql`query Props($first: Int, $after: String, $filter: PropertyFilter) {
  properties(first: $first, after: $after, filter: $filter, sort: PRICE) {
    edges { cursor node { id title pricePerNight currency ratingAverage host { id firstName } coverPhoto { thumbnail } } }
    pageInfo { endCursor hasNextPage }
  } }`;
async function main(): Promise<void> {
  const email = `apollo-${Date.now()}@example.com`;
  const reg = await client.mutate({ mutation: gql`mutation R($input: RegisterInput!) { register(input: $input) { id email role createdAt } }`,
    variables: { input: { firstName: "Apo", lastName: "Llo", email, password: "correct horse 1" } } });
  check(reg.data && (reg.data as any).register.role === "GUEST", `register ${JSON.stringify(reg.data ?? reg.error)}`);
  const login = await client.mutate({ mutation: gql`mutation L($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresIn tokenType } }`,
    variables: { input: { email, password: "correct horse 1" } } });
  token = (login.data as any).login.accessToken;
  const bad = await client.mutate({ mutation: gql`mutation L2 { login(input: {email: "nobody@example.com", password: "wrongwrong"}) { accessToken } }`, errorPolicy: "all" });
  const err = bad.error;
  check(CombinedGraphQLErrors.is(err) && err.errors[0].extensions?.classification === "UNAUTHORIZED", `login error ${JSON.stringify((err as any)?.errors)}`);

  const p1 = await client.query({ query: PROPS, variables: { first: 3 } });
  const c1 = (p1.data as any).properties;
  check(c1.edges.length === 3 && c1.pageInfo.hasNextPage, `page1 ${c1.edges.length} ${c1.pageInfo.endCursor}`);
  const obs = client.watchQuery({ query: PROPS, variables: { first: 3 } });
  await obs.refetch();
  await obs.fetchMore({ variables: { after: c1.pageInfo.endCursor } });
  const merged = (client.readQuery({ query: PROPS, variables: { first: 3 } }) as any).properties;
  check(merged.edges.length === 6, `relayStylePagination merged ${merged.edges.length}`);
  const ids = new Set(merged.edges.map((e: any) => e.node.id));
  check(ids.size === 6, "no duplicates across pages");
  const pid = merged.edges[0].node.id;
  const cacheKeys = Object.keys(cache.extract());
  check(cacheKeys.includes(`Property:${pid}`), `normalized Property:${pid}`);
  console.log("cache keys sample", cacheKeys.slice(0, 8));

  const DETAIL = gql`query D($id: ID!) { property(id: $id) { id title minNights maxGuests instantBook reviews(first: 2) { edges { node { id rating author { id firstName } } } } photos { id urls { thumbnail } } } }`;
  const d = await client.query({ query: DETAIL, variables: { id: pid } });
  check((d.data as any).property.id === pid, "detail");
  const prop = (d.data as any).property;

  const day = (n: number) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  const off = 100 + Math.floor(Math.random() * 500);
  const cb = await client.mutate({ mutation: gql`mutation B($input: CreateBookingInput!, $key: String) { createBooking(input: $input, idempotencyKey: $key) { id status totalPrice checkIn expiresAt property { id title } } }`,
    variables: { input: { propertyId: pid, checkIn: day(off), checkOut: day(off + Math.max(prop.minNights, 2)), guests: 1 }, key: `b-${Date.now()}` }, errorPolicy: "all" });
  check((cb.data as any)?.createBooking?.status === "PENDING_PAYMENT", `book ${JSON.stringify(cb.data ?? (cb.error as any)?.errors)}`);
  const bid = (cb.data as any).createBooking.id;
  const pay = await client.mutate({ mutation: gql`mutation P($input: CreatePaymentInput!, $key: String!) { createPayment(input: $input, idempotencyKey: $key) { id status amount bookingId } }`,
    variables: { input: { bookingId: bid, paymentMethod: "CARD", paymentToken: "tok_visa" }, key: `p-${Date.now()}` } });
  check((pay.data as any).createPayment.status === "PENDING", `pay ${JSON.stringify(pay.data)}`);
  const over = await client.mutate({ mutation: gql`mutation B2($input: CreateBookingInput!) { createBooking(input: $input) { id } }`,
    variables: { input: { propertyId: pid, checkIn: day(off), checkOut: day(off + Math.max(prop.minNights, 2)), guests: 1 } }, errorPolicy: "all" });
  const oe = over.error as any;
  check(CombinedGraphQLErrors.is(oe) && oe.errors[0].extensions?.classification === "CONFLICT", `conflict ${JSON.stringify(oe?.errors)}`);
  const nf = await client.query({ query: gql`query NB($id: ID!) { booking(id: $id) { id } }`, variables: { id: "0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50" }, errorPolicy: "all" });
  check((nf.data as any)?.booking === null, `not found booking -> ${JSON.stringify(nf.data)} ${JSON.stringify((nf.error as any)?.errors)}`);

  // conversation + subscription via graphql-ws and graphql-sse
  const conv = await client.mutate({ mutation: gql`mutation O($input: OpenConversationInput!) { openConversation(input: $input) { id guest { id firstName } host { id firstName } unreadCount } }`,
    variables: { input: { propertyId: pid, body: "hello host" } }, errorPolicy: "all" });
  check((conv.data as any)?.openConversation?.id, `openConversation ${JSON.stringify(conv.data ?? (conv.error as any)?.errors)}`);
  const cid = (conv.data as any).openConversation.id;
  const got: string[] = [];
  const sub = client.subscribe({ query: gql`subscription S($c: ID!) { messageAdded(conversationId: $c) { id body senderId createdAt } }`, variables: { c: cid } })
    .subscribe({ next: (v) => got.push("ws:" + (v.data as any)?.messageAdded?.body), error: (e) => got.push("ws-error:" + String(e?.message ?? JSON.stringify(e))) });
  const sse = sseClient({ url: `${BASE}/graphql`, singleConnection: false, headers: () => ({ Authorization: `Bearer ${token}` }) });
  const sseUnsub = sse.subscribe({ query: `subscription { messageAdded(conversationId: "${cid}") { id body } }` },
    { next: (v) => got.push("sse:" + (v.data as any)?.messageAdded?.body + (v.errors ? JSON.stringify(v.errors) : "")), error: (e) => got.push("sse-error:" + String((e as any)?.message ?? JSON.stringify(e))), complete: () => got.push("sse-complete") });
  await new Promise(r => setTimeout(r, 3000));
  await client.mutate({ mutation: gql`mutation M($c: ID!, $input: SendMessageInput!) { sendMessage(conversationId: $c, input: $input) { id body } }`, variables: { c: cid, input: { body: "second message" } } });
  await new Promise(r => setTimeout(r, 3000));
  check(got.includes("ws:second message"), `ws got ${JSON.stringify(got)}`);
  check(got.includes("sse:second message"), `sse got ${JSON.stringify(got)}`);
  sub.unsubscribe(); sseUnsub();
  // subscription error for non-participant conversation id
  const got2: string[] = [];
  const s2 = client.subscribe({ query: gql`subscription S2 { messageAdded(conversationId: "0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50") { id } }` })
    .subscribe({ next: (v) => got2.push("next:" + JSON.stringify(v)), error: (e) => got2.push("error:" + JSON.stringify(e)), complete: () => got2.push("complete") });
  await new Promise(r => setTimeout(r, 2000));
  console.log("ws not-found:", JSON.stringify(got2).slice(0, 400));
  s2.unsubscribe();
  await ws.dispose(); sse.dispose();
  console.log("HTTP seen:\n" + seen.join("\n"));
}
main().catch(e => { console.error("FAILED", e); process.exitCode = 2; }).finally(() => setTimeout(() => process.exit(), 500));
