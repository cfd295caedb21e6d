-- POST /v1/decisions for subjects picked round-robin from SUBJECTS (comma-separated ids).
local ids = {}
for id in string.gmatch(os.getenv("SUBJECTS") or "", "[^,]+") do ids[#ids + 1] = id end
local key = os.getenv("SARGS_KEY")
local counter = 0
local purposes = {"services", "marketing", "improvement-and-security"}

request = function()
  counter = counter + 1
  local body = string.format('{"subject_id":"%s","purpose":"%s"}', ids[(counter % #ids) + 1], purposes[(counter % 3) + 1])
  return wrk.format("POST", "/v1/decisions",
    {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}, body)
end
