-- POST /api/passport/login for the users of $LOGINS in turn, with server-config/TestUsers.java's password.
dofile("bench/report.lua")
local mobiles = {}
for line in io.lines(os.getenv("LOGINS")) do
  mobiles[#mobiles + 1] = line:match("(%S+)")
end
local i = 0
request = function()
  i = i % #mobiles + 1
  return wrk.format("POST", "/api/passport/login", { ["Content-Type"] = "application/json" },
    '{"mobile":"' .. mobiles[i] .. '","password":"test password 1"}')
end
