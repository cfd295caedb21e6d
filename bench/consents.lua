-- POST /v1/subjects/{id}/consents for subjects picked round-robin from SUBJECTS, giving and
-- withdrawing marketing by e-mail in turn: the audited ledger write (an event, its audit entry,
-- the facts version bumped, the cache entry dropped).
local ids = {}
for id in string.gmatch(os.getenv("SUBJECTS") or "", "[^,]+") do ids[#ids + 1] = id end
local key = os.getenv("SARGS_KEY")
local counter = 0

request = function()
  counter = counter + 1
  local state = (math.floor(counter / #ids) % 2 == 0) and "given" or "withdrawn"
  return wrk.format("POST", "/v1/subjects/" .. ids[(counter % #ids) + 1] .. "/consents",
    {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"},
    '{"purpose":"marketing","channel":"email","state":"' .. state .. '","method":"web_form"}')
end
