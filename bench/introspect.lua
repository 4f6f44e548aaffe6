-- POST /api/passport/introspect (RFC 7662): the form body token=<jwt>, the tokens of $TOKENS in
-- turn, HTTP Basic client authentication from $INTROSPECT_BASIC (base64 of "clientId:secret").
dofile("bench/report.lua")
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  tokens[#tokens + 1] = line:match("%S+%s+(%S+)")
end
local headers = {
  ["Authorization"] = "Basic " .. os.getenv("INTROSPECT_BASIC"),
  ["Content-Type"] = "application/x-www-form-urlencoded",
}
local i = 0
request = function()
  i = i % #tokens + 1
  return wrk.format("POST", nil, headers, "token=" .. tokens[i])
end
