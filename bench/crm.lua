-- A CRM-like mix: 80 % purpose-bound reads, 15 % consent changes, 5 % new subjects with three
-- sealed values. Subjects are picked round-robin from SUBJECTS.
local ids = {}
for id in string.gmatch(os.getenv("SUBJECTS") or "", "[^,]+") do ids[#ids + 1] = id end
local key = os.getenv("SARGS_KEY")
local counter = 0
local thread_id = 0
local headers = {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}

setup = function(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
end

local run = 0
init = function(args)
  math.randomseed(os.time() * 100 + tid)
  run = math.random(1, 1000000000)
end

request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  local slot = counter % 20
  if slot < 16 then
    return wrk.format("GET", "/v1/subjects/" .. id .. "?purpose=services", {["Authorization"] = "Bearer " .. key})
  elseif slot < 19 then
    local state = (counter % 2 == 0) and "given" or "withdrawn"
    return wrk.format("POST", "/v1/subjects/" .. id .. "/consents", headers,
      string.format('{"purpose":"marketing","channel":"email","state":"%s","method":"crm"}', state))
  else
    local body = string.format([[{"country":"LV","language":"lv","source":"crm","collected_for":"services","data":{
      "user.contact.email":"crm-%d-%d-%d@example.lv","user.name":"CRM Person","user.demographic.date_of_birth":"1990-04-01"}}]],
      tid, run, counter)
    return wrk.format("POST", "/v1/subjects", headers, body)
  end
end
