-- POST /v1/subjects with six encrypted values and a unique e-mail per request (unique across runs
-- too: each thread seeds its random run number from the time, so a warm-up run leaves no duplicates).
local key = os.getenv("SARGS_KEY")
local counter = 0
local thread_id = 0

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
  local body = string.format([[{"country":"LV","language":"lv","source":"bench","collected_for":"services","data":{
    "user.contact.email":"bench-%d-%d-%d@example.lv","user.name":"Bench Person","user.behavior.purchase_history":"coral calcium",
    "user.contact.address":"Brivibas iela 1, Riga","user.demographic.date_of_birth":"1990-04-01","user.account":"acct-%d"}}]],
    tid, run, counter, counter)
  return wrk.format("POST", "/v1/subjects",
    {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}, body)
end
