-- The contention scenario: every request asks to book one of the few listings of LOAD_LISTINGS (10) for the same 2
-- nights, LOAD_OFFSET days after today, as a random guest of LOAD_TOKENS. Exactly one request per listing may win
-- (201); every other must be a 409, never a 5xx. run.sh then checks in SQL that each listing holds exactly one active
-- booking on those dates. Needs LOAD_LUA (this folder).
dofile(os.getenv("LOAD_LUA") .. "/common.lua")
local ids, tokens, body

function init(args)
  ids = lines(os.getenv("LOAD_LISTINGS"))
  tokens = lines(os.getenv("LOAD_TOKENS"))
  local day = tonumber(os.getenv("LOAD_OFFSET"))
  body = string.format('"check_in":"%s","check_out":"%s","guests":1}', os.date("!%Y-%m-%d", os.time() + day * 86400),
    os.date("!%Y-%m-%d", os.time() + (day + 2) * 86400))
  seed_random()
end

function request()
  return wrk.format("POST", "/api/v1/bookings", { ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] },
    '{"property_id":"' .. ids[math.random(#ids)] .. '",' .. body)
end
