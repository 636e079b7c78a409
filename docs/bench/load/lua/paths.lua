-- GET a random line of LOAD_PATHS (paths with their query, e.g. /api/v1/properties/<id>) on every request: listing
-- detail, search first pages, cursor pages, radius search, liveness. Needs LOAD_LUA (this folder).
dofile(os.getenv("LOAD_LUA") .. "/common.lua")
local paths

function init(args)
  paths = lines(os.getenv("LOAD_PATHS"))
  seed_random()
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
