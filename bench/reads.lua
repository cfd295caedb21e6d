-- GET /v1/subjects/{id}?purpose=services for subjects picked round-robin from SUBJECTS: the
-- purpose-bound read (a decision, the released values unsealed, an audit entry).
local ids = {}
for id in string.gmatch(os.getenv("SUBJECTS") or "", "[^,]+") do ids[#ids + 1] = id end
local key = os.getenv("SARGS_KEY")
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", "/v1/subjects/" .. ids[(counter % #ids) + 1] .. "?purpose=services",
    {["Authorization"] = "Bearer " .. key})
end
