-- POST /api/passport/refresh: each thread (one connection each) refreshes its own session and
-- carries the new token into its next request, as a client must.
dofile("bench/report.lua")
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
end
function init(args)
  local n = 0
  for line in io.lines(os.getenv("REFRESH_TOKENS")) do
    n = n + 1
    if n == index then token = line:match("%S+%s+(%S+)") end
  end
end
request = function()
  return wrk.format("POST", "/api/passport/refresh", { ["Authorization"] = "Bearer " .. token })
end
response = function(status, headers, body)
  local fresh = body:match('"token":"([^"]+)"')
  if fresh then token = fresh end
end
