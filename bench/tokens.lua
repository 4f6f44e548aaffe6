-- GET with a Bearer token, taken in turn from the file named by $TOKENS ("mobile token" lines).
dofile("bench/report.lua")
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  tokens[#tokens + 1] = line:match("%S+%s+(%S+)")
end
local i = 0
request = function()
  i = i % #tokens + 1
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[i] })
end
