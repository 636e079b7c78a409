-- POST /api/v1/bookings, each request a listing and dates no other request of the run asks for, so none conflicts:
-- request n (numbered across threads) books listing n mod L of LOAD_LISTINGS for 2 nights from LOAD_OFFSET + 2 * (n div
-- L) days after today, 1 guest, as a random guest of LOAD_TOKENS (bearer tokens, one a line). run.sh moves
-- LOAD_OFFSET past the days a run used. LOAD_IDEMPOTENCY=1 adds an Idempotency-Key header (unique per request).
-- Also the booking half of mix.lua. Needs LOAD_LUA (this folder).
dofile(os.getenv("LOAD_LUA") .. "/common.lua")
local ids, tokens, offset, idempotency
local counter = 0

function booking_init()
  ids = lines(os.getenv("LOAD_LISTINGS"))
  tokens = lines(os.getenv("LOAD_TOKENS"))
  offset = tonumber(os.getenv("LOAD_OFFSET") or "400")
  idempotency = os.getenv("LOAD_IDEMPOTENCY") == "1"
  seed_random()
end

-- the n-th distinct (listing, dates) pair
function booking(n)
  local day = offset + 2 * math.floor(n / #ids)
  local body = string.format('{"property_id":"%s","check_in":"%s","check_out":"%s","guests":1}', ids[(n % #ids) + 1],
    os.date("!%Y-%m-%d", os.time() + day * 86400), os.date("!%Y-%m-%d", os.time() + (day + 2) * 86400))
  local headers = { ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] }
  if idempotency then headers["Idempotency-Key"] = string.format("load-%d-%d-%d", offset, tid, n) end
  return wrk.format("POST", "/api/v1/bookings", headers, body)
end

-- the next pair of this thread: threads take every nthreads-th number, so no two share one
function next_booking()
  counter = counter + 1
  return booking((counter - 1) * nthreads + tid - 1)
end

function init(args) booking_init() end

function request() return next_booking() end
