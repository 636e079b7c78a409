-- Shared by the wrk scenarios of docs/bench/load (loaded with dofile by each): counts every answer by status in each
-- thread, and at the end prints one line that run.sh parses (latencies in ms, socket errors: connect + read + write
-- + timeout):
--   RESULT requests=N seconds=S rps=R p50_ms=X p99_ms=Y non2xx=K s5xx=F errors=E statuses=201:10,409:4990
-- Environment: LOAD_THREADS, the -t given to wrk (default 2), for scenarios that number their requests.
local threads = {}
statuses = {}
tid = 0
nthreads = tonumber(os.getenv("LOAD_THREADS") or "2")

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if on_response then on_response(status, headers, body) end
end

-- the non-empty lines of a file, which must have some
function lines(path)
  assert(path, "a file named by the environment is missing")
  local t = {}
  for line in io.lines(path) do if line ~= "" then t[#t + 1] = line end end
  assert(#t > 0, path .. " is empty")
  return t
end

function seed_random()
  math.randomseed(os.time() * 100 + tid * 7919)
end

function done(summary, latency, requests)
  local total, keys, non2xx, s5xx = {}, {}, 0, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  for status, n in pairs(total) do
    keys[#keys + 1] = status
    if status < 200 or status > 299 then non2xx = non2xx + n end
    if status >= 500 then s5xx = s5xx + n end
  end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do parts[#parts + 1] = status .. ":" .. total[status] end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d s5xx=%d errors=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, non2xx, s5xx, e.connect + e.read + e.write + e.timeout, table.concat(parts, ",")))
end
