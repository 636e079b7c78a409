-- POST /graphql with a random line of LOAD_BODIES (one JSON request a line: a search page of 20 listings with their
-- host's first name). Needs LOAD_LUA (this folder).
dofile(os.getenv("LOAD_LUA") .. "/common.lua")
local bodies
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  bodies = lines(os.getenv("LOAD_BODIES"))
  seed_random()
end

function request()
  return wrk.format("POST", "/graphql", headers, bodies[math.random(#bodies)])
end
