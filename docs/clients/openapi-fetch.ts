import createClient, { type Middleware } from "openapi-fetch";
import type { paths, components } from "./gen/schema";

type Problem = components["schemas"]["Problem"];
const BASE = process.env.BASE ?? "http://127.0.0.1:8080";
const log = (...a: unknown[]) => console.log(...a);
function check(cond: unknown, msg: string): void {
  if (!cond) { console.log("MISMATCH:", msg); process.exitCode = 1; } else { console.log("ok:", msg); }
}
let token: string | undefined;
const auth: Middleware = {
  onRequest({ request }) { if (token) request.headers.set("Authorization", `Bearer ${token}`); return request; },
};
const api = createClient<paths>({ baseUrl: BASE });
api.use(auth);

function isProblem(e: unknown, status: number, res: Response): asserts e is Problem {
  const p = e as Problem;
  check(res.headers.get("content-type")?.startsWith("application/problem+json"), `${status} is problem+json (${res.headers.get("content-type")})`);
  check(p && p.status === status && typeof p.code === "string" && typeof p.type === "string" && typeof p.title === "string",
    `problem ${status} has type/title/status/code: ${JSON.stringify(p)}`);
}

async function main(): Promise<void> {
  const email = `ota-${Date.now()}@example.com`;
  const reg = await api.POST("/api/v1/users", { body: { first_name: "Ota", last_name: "Client", email, password: "correct horse 1" } });
  check(reg.response.status === 201 && reg.data, `register 201 ${reg.response.status}`);
  check(reg.response.headers.get("location"), `register Location ${reg.response.headers.get("location")}`);
  const u = reg.data!;
  check(u.phone_number === null, `phone_number null (${JSON.stringify(u.phone_number)})`);
  check(u.role === "guest", "role guest");

  const dup = await api.POST("/api/v1/users", { body: { first_name: "Ota", last_name: "Client", email, password: "correct horse 1" } });
  isProblem(dup.error, 409, dup.response);

  const bad = await api.POST("/api/v1/users", { body: { first_name: "", last_name: "C", email: "nope", password: "short" } });
  isProblem(bad.error, 400, bad.response);
  check(Array.isArray(bad.error?.errors) && bad.error!.errors!.every(e => typeof e.field === "string" && typeof e.message === "string"), "400 errors[] shape");

  const wrong = await api.POST("/api/v1/auth/token", { body: { email, password: "wrong password" } });
  isProblem(wrong.error, 401, wrong.response);
  const tok = await api.POST("/api/v1/auth/token", { body: { email, password: "correct horse 1" } });
  check(tok.data?.token_type === "Bearer" && typeof tok.data.expires_in === "number", `login ${JSON.stringify(tok.data).slice(0, 60)}`);
  token = tok.data!.access_token;

  const me = await api.GET("/api/v1/users/me");
  check(me.data?.email === email && me.data.email_verified === false, "me");

  const search = await api.GET("/api/v1/properties", { params: { query: { city: "Lisbon", limit: 5, sort: "price" } } });
  check(search.data && search.data.results.length > 0, `search results ${search.data?.results.length}`);
  log("next_cursor", search.data?.next_cursor);
  let all = await api.GET("/api/v1/properties", { params: { query: { limit: 50 } } });
  const results = all.data!.results;
  log("listings", results.length, results.map(r => r.city).slice(0, 10));
  const first = results.find(r => (r as components["schemas"]["Property"]).instant_book) as components["schemas"]["Property"];
  check(typeof first.price_per_night === "string", "price string");
  check(first.rating_average === null || typeof first.rating_average === "number", `rating_average ${first.rating_average}`);

  const sparse = await api.GET("/api/v1/properties", { params: { query: { limit: 2, fields: "id,title" } as never } });
  log("sparse", JSON.stringify(sparse.data).slice(0, 200), sparse.error);

  const one = await api.GET("/api/v1/properties/{id}", { params: { path: { id: first.id } } });
  const etag = one.response.headers.get("etag");
  check(etag, `ETag ${etag}`);
  const nm = await api.GET("/api/v1/properties/{id}", { params: { path: { id: first.id }, header: { "If-None-Match": etag! } as never } });
  check(nm.response.status === 304, `If-None-Match -> ${nm.response.status} data=${JSON.stringify(nm.data)} error=${JSON.stringify(nm.error)}`);

  const nf = await api.GET("/api/v1/properties/{id}", { params: { path: { id: "0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50" } } });
  isProblem(nf.error, 404, nf.response);

  const day = (n: number) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  const off = 200 + Math.floor(Math.random() * 300);
  const q = await api.GET("/api/v1/properties/{id}/quote", { params: { path: { id: first.id }, query: { check_in: day(off), check_out: day(off + first.min_nights + 1), guests: 1 } } });
  check(q.data && typeof q.data.total_price === "string", `quote ${JSON.stringify(q.data ?? q.error).slice(0, 200)}`);
  const av = await api.GET("/api/v1/properties/{id}/availability", { params: { path: { id: first.id }, query: { from: day(1), to: day(60) } } });
  check(av.data, `availability ${JSON.stringify(av.data ?? av.error).slice(0, 200)}`);
  const cal = await api.GET("/api/v1/properties/{id}/calendar", { params: { path: { id: first.id }, query: { from: day(1), to: day(5) } } });
  check(cal.data, `calendar ${JSON.stringify(cal.data ?? cal.error).slice(0, 200)}`);

  const b = await api.POST("/api/v1/bookings", { body: { property_id: first.id, check_in: day(off), check_out: day(off + first.min_nights + 1), guests: 1 } });
  check(b.response.status === 201 && b.data?.status === "pending_payment", `booking 201 ${b.response.status} ${JSON.stringify(b.error)}`);
  const booking = b.data!;
  check(booking.total_price === q.data!.total_price, `quote==booking ${booking.total_price} ${q.data!.total_price}`);
  check(booking.cancelled_at === null && booking.refund_amount === null && booking.decline_reason === null, "booking nullables null");
  check(/Z$/.test(booking.created_at), `created_at UTC ${booking.created_at}`);
  const over = await api.POST("/api/v1/bookings", { body: { property_id: first.id, check_in: day(off), check_out: day(off + first.min_nights + 1), guests: 1 } });
  isProblem(over.error, 409, over.response);

  const key = `k-${Date.now()}`;
  const pay = await api.POST("/api/v1/payments", { params: { header: { "Idempotency-Key": key } }, body: { booking_id: booking.id, payment_method: "card", payment_token: "tok_visa" } });
  check(pay.response.status === 201 && pay.data?.status === "pending", `pay 201 ${pay.response.status} ${JSON.stringify(pay.data ?? pay.error)}`);
  check(pay.response.headers.get("location"), `pay Location ${pay.response.headers.get("location")}`);
  const again = await api.POST("/api/v1/payments", { params: { header: { "Idempotency-Key": key } }, body: { booking_id: booking.id, payment_method: "card", payment_token: "tok_visa" } });
  check(again.response.status === 201 && again.response.headers.get("idempotency-replayed") === "true" && again.data?.id === pay.data!.id, `replay ${again.response.status} ${again.response.headers.get("idempotency-replayed")}`);
  const nokey = await api.POST("/api/v1/payments", { params: { header: {} as never }, body: { booking_id: booking.id, payment_method: "card", payment_token: "tok_visa" } });
  isProblem(nokey.error, 400, nokey.response);

  let p = pay.data!;
  for (let i = 0; i < 40 && p.status === "pending"; i++) {
    await new Promise(r => setTimeout(r, 500));
    p = (await api.GET("/api/v1/payments/{id}", { params: { path: { id: p.id } } })).data!;
  }
  check(p.status === "completed", `payment completed ${p.status}`);
  const bk = await api.GET("/api/v1/bookings/{id}", { params: { path: { id: booking.id } } });
  check(bk.data?.status === "confirmed", `booking confirmed ${bk.data?.status}`);
  const list = await api.GET("/api/v1/bookings", { params: { query: { as: "guest", status: "confirmed" } } });
  check(list.data?.results.some(x => x.id === booking.id), "bookings list");
  const pays = await api.GET("/api/v1/payments", { params: { query: { booking_id: booking.id } } });
  check(pays.data?.results.length === 1, "payments list");
  const cancel = await api.POST("/api/v1/bookings/{id}/cancel", { params: { path: { id: booking.id } }, body: { reason: "changed plans" } });
  check(cancel.data?.status === "cancelled" && typeof cancel.data.refund_amount === "string", `cancel ${JSON.stringify(cancel.data ?? cancel.error).slice(0, 300)}`);
  const cancel2 = await api.POST("/api/v1/bookings/{id}/cancel", { params: { path: { id: booking.id } }, body: {} });
  isProblem(cancel2.error, 409, cancel2.response);

  const wl = await api.POST("/api/v1/wishlists", { body: { name: "Ideas" } });
  check(wl.response.status === 201, `wishlist ${wl.response.status}`);
  const add = await api.PUT("/api/v1/wishlists/{id}/properties/{property_id}", { params: { path: { id: wl.data!.id, property_id: first.id } } });
  check(add.response.status === 204 && add.error === undefined, `wishlist add 204 ${add.response.status} data=${JSON.stringify(add.data)}`);

  token = "garbage";
  const unauth = await api.GET("/api/v1/users/me");
  isProblem(unauth.error, 401, unauth.response);
  check(unauth.response.headers.get("www-authenticate"), `401 WWW-Authenticate ${unauth.response.headers.get("www-authenticate")}`);
  token = undefined;
  const out = await api.POST("/api/v1/auth/logout", { body: { refresh_token: tok.data!.refresh_token } });
  check(out.response.status === 204 && out.error === undefined, `logout 204 ${out.response.status}`);
  const ref = await api.POST("/api/v1/auth/refresh", { body: { refresh_token: tok.data!.refresh_token } });
  isProblem(ref.error, 401, ref.response);
}
main().catch(e => { console.error("FAILED", e); process.exitCode = 2; });
