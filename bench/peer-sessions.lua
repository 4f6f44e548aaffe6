-- The peer's POST /api/bench/session for a new user each request (sub 10000000, 10000001, ...):
-- one session each, written by the peer itself, for its Redis bytes per session. One wrk thread.
dofile("bench/report.lua")
local sub = 10000000
request = function()
  sub = sub + 1
  return wrk.format("POST", "/api/bench/session", { ["Content-Type"] = "application/json" },
    '{"sub":"' .. sub .. '"}')
end
