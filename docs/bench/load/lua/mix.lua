-- The 90 % read mix: of every 20 requests, 9 are listing details (LOAD_PATHS), 9 are search first pages
-- (LOAD_SEARCH_PATHS) and 2 create bookings on distinct dates (booking.lua: LOAD_LISTINGS, LOAD_TOKENS, LOAD_OFFSET).
-- Needs LOAD_LUA (this folder).
dofile(os.getenv("LOAD_LUA") .. "/booking.lua")
local details, searches
local n = 0

function init(args)
  booking_init()
  details = lines(os.getenv("LOAD_PATHS"))
  searches = lines(os.getenv("LOAD_SEARCH_PATHS"))
end

function request()
  n = n + 1
  local k = n % 20
  if k == 0 or k == 10 then return next_booking() end
  if k % 2 == 1 then return wrk.format("GET", details[math.random(#details)]) end
  return wrk.format("GET", searches[math.random(#searches)])
end
