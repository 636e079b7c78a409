import { Client, fetchExchange, gql, subscriptionExchange } from "@urql/core";
import { cacheExchange } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { persistedExchange } from "@urql/exchange-persisted";
import { createClient as wsClient } from "graphql-ws";
import { createHash } from "node:crypto";
import WebSocket from "ws";
const BASE = process.env.BASE ?? "http://127.0.0.1:8080";
const check = (c: unknown, m: string) => console.log(c ? "ok:" : "MISMATCH:", m);
let token = "";
const seen: string[] = [];
const spy: typeof fetch = async (input, init) => { const r = await fetch(input, init); seen.push(`${init?.method ?? "GET"} ${String(input).slice(0, 90)} -> ${r.status}`); return r; };
const ws = wsClient({ url: BASE.replace("http", "ws") + "/graphql-ws", webSocketImpl: WebSocket, connectionParams: () => ({ Authorization: `Bearer ${token}` }) });
const client = new Client({
  url: `${BASE}/graphql`, fetch: spy,
  fetchOptions: (): RequestInit => ({ headers: (token ? { authorization: `Bearer ${token}` } : {}) as Record<string, string> }),
  exchanges: [
    cacheExchange({ resolvers: { Query: { properties: relayPagination() } } }),
    persistedExchange({ preferGetForPersistedQueries: true, generateHash: async (q) => createHash("sha256").update(q).digest("hex") }),
    fetchExchange,
    subscriptionExchange({ forwardSubscription: (req) => ({ subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...req, query: req.query ?? "" }, sink) }) }) }),
  ],
});
async function main(): Promise<void> {
  const email = `urql-${Date.now()}@example.com`;
  const reg = await client.mutation(gql`mutation($input: RegisterInput!) { register(input: $input) { id } }`, { input: { firstName: "U", lastName: "Rql", email, password: "correct horse 1" } }).toPromise();
  check(reg.data?.register?.id, `register ${JSON.stringify(reg.error?.graphQLErrors ?? reg.error?.message)}`);
  const login = await client.mutation(gql`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email, password: "correct horse 1" } }).toPromise();
  token = login.data.login.accessToken;
  const Q = gql`query($first: Int, $after: String) { properties(first: $first, after: $after) { edges { node { id title host { id firstName } } } pageInfo { endCursor hasNextPage } } }`;
  const p1 = await client.query(Q, { first: 2 }).toPromise();
  check(p1.data?.properties?.edges?.length === 2, `page1 ${JSON.stringify(p1.error?.message)}`);
  const p2 = await client.query(Q, { first: 2, after: p1.data.properties.pageInfo.endCursor }).toPromise();
  check(p2.data?.properties?.edges?.length === 4, `relayPagination merged ${p2.data?.properties?.edges?.length}`);
  const me = await client.query(gql`{ me { id email role } }`, {}).toPromise();
  check(me.data?.me?.role === "GUEST", `me ${JSON.stringify(me.data)}`);
  const nf = await client.query(gql`query($id: ID!) { booking(id: $id) { id } }`, { id: "0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50" }).toPromise();
  check(nf.error?.graphQLErrors?.[0]?.extensions?.classification === "NOT_FOUND", `not found ${JSON.stringify(nf.error?.graphQLErrors)}`);
  const conv = await client.mutation(gql`mutation($input: OpenConversationInput!) { openConversation(input: $input) { id } }`, { input: { propertyId: p1.data.properties.edges[0].node.id, body: "hi" } }).toPromise();
  const cid = conv.data.openConversation.id;
  const got: string[] = [];
  const sub = client.subscription(gql`subscription($c: ID!) { messageAdded(conversationId: $c) { id body } }`, { c: cid }).subscribe(r => got.push(r.data?.messageAdded?.body ?? JSON.stringify(r.error?.message)));
  await new Promise(r => setTimeout(r, 2500));
  await client.mutation(gql`mutation($c: ID!, $input: SendMessageInput!) { sendMessage(conversationId: $c, input: $input) { id } }`, { c: cid, input: { body: "urql says hi" } }).toPromise();
  await new Promise(r => setTimeout(r, 2500));
  check(got.includes("urql says hi"), `subscription ${JSON.stringify(got)}`);
  sub.unsubscribe(); await ws.dispose();
  console.log(seen.join("\n"));
}
main().catch(e => { console.error("FAILED", e); process.exitCode = 2; }).finally(() => setTimeout(() => process.exit(), 300));
