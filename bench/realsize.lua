-- The loads of the real-size HTTP benchmark (bench/realsize.sh), one per RS_MODE:
--   decisions-id     POST /v1/decisions by subject_id (services, marketing by e-mail, improvement-and-security in turn)
--   decisions-email  POST /v1/decisions by e-mail address personN@example.lv, N < RS_EMAILS
--   reads            GET /v1/subjects/{id}?purpose=services
--   consents         POST /v1/subjects/{id}/consents, marketing by e-mail, given and withdrawn in turn
--   subjects         POST /v1/subjects with six sealed values and an e-mail address new in every run
--   requests         POST /v1/requests: an access request about an existing subject, as a web form sends it
-- Subjects are picked uniformly at random (with replacement) from IDS_FILE: one canonical id per
-- line, 36 characters and a newline each, read by each wrk thread once as one string. Each thread
-- seeds its generator from /dev/urandom and its own number. Requests are the exception: the server
-- sends each a verification code, at most 3 per address an hour (429 after that), so each thread
-- walks its own share of the ids (lane RS_SLICE * RS_THREADS + thread, of RS_SLICES * RS_THREADS
-- lanes; the script passes a different slice to the warm-up and the measured run) from a random
-- place, and a subject is asked about at most once per pass over the lane. The id file is shuffled
-- once when it is written, so consecutive ids of a lane are unrelated subjects.
-- RS_CHECK=1 tallies the response statuses and prints them with the first error body (for finding
-- out why a run had non-2xx answers; it costs wrk time, so measured runs leave it off).
local mode = os.getenv("RS_MODE") or "decisions-id"
local key = os.getenv("SARGS_KEY") or error("SARGS_KEY is not set")
local emails = tonumber(os.getenv("RS_EMAILS") or "0")
local threads = tonumber(os.getenv("RS_THREADS") or "2")
local slice = tonumber(os.getenv("RS_SLICE") or "0")
local slices = tonumber(os.getenv("RS_SLICES") or "1")
local json_headers = {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}
local get_headers = {["Authorization"] = "Bearer " .. key}
local width = 37

local thread_number = 0
local all_threads = {}
setup = function(thread)
  thread:set("tid", thread_number)
  thread_number = thread_number + 1
  all_threads[#all_threads + 1] = thread
end

local ids, count = nil, 0
local counter = 0
local run = 0
local lane, lanes, lane_size, position = 0, 1, 1, 0

init = function(args)
  local random = io.open("/dev/urandom", "rb")
  local bytes = random:read(6)
  random:close()
  local seed = 0
  for i = 1, #bytes do seed = seed * 256 + bytes:byte(i) end
  math.randomseed(seed + tid)
  run = math.random(1, 1000000000)
  if mode ~= "decisions-email" and mode ~= "subjects" then
    local path = os.getenv("IDS_FILE") or error("IDS_FILE is not set")
    local file = io.open(path, "rb") or error("cannot read IDS_FILE " .. path)
    ids = file:read("*a")
    file:close()
    assert(#ids > 0 and #ids % width == 0, "IDS_FILE must hold one 36-character id per line")
    count = #ids / width
  end
  if mode == "requests" then
    lanes = threads * slices
    lane = (slice * threads + tid) % lanes
    lane_size = math.max(1, math.floor((count - 1 - lane) / lanes) + 1)
    position = math.random(0, lane_size - 1)
  end
end

local function id_at(index)  -- 1-based
  local offset = (index - 1) * width
  return string.sub(ids, offset + 1, offset + 36)
end

local function random_id()
  return id_at(math.random(1, count))
end

local function next_lane_id()
  position = (position + 1) % lane_size
  return id_at((lane + lanes * position) % count + 1)
end

local decision_bodies = {'"purpose":"services"}', '"purpose":"marketing","channel":"email"}', '"purpose":"improvement-and-security"}'}

local builders = {
  ["decisions-id"] = function()
    return wrk.format("POST", "/v1/decisions", json_headers,
      '{"subject_id":"' .. random_id() .. '",' .. decision_bodies[counter % 3 + 1])
  end,
  ["decisions-email"] = function()
    return wrk.format("POST", "/v1/decisions", json_headers,
      '{"email":"person' .. math.random(0, emails - 1) .. '@example.lv",' .. decision_bodies[counter % 3 + 1])
  end,
  ["reads"] = function()
    return wrk.format("GET", "/v1/subjects/" .. random_id() .. "?purpose=services", get_headers)
  end,
  ["consents"] = function()
    local state = (counter % 2 == 0) and "given" or "withdrawn"
    return wrk.format("POST", "/v1/subjects/" .. random_id() .. "/consents", json_headers,
      '{"purpose":"marketing","channel":"email","state":"' .. state .. '","method":"bench"}')
  end,
  ["subjects"] = function()
    local body = string.format('{"country":"LV","language":"lv","source":"bench","collected_for":"services","data":{'
      .. '"user.contact.email":"rs-new-%d-%d-%d@example.lv","user.name":"Bench Person","user.behavior.purchase_history":"coral calcium",'
      .. '"user.contact.address":"Brivibas iela 1, Riga","user.demographic.date_of_birth":"1990-04-01","user.account":"acct-%d"}}',
      tid, run, counter, counter)
    return wrk.format("POST", "/v1/subjects", json_headers, body)
  end,
  ["requests"] = function()
    -- A web form passes on its visitor's address; each request here comes from another visitor
    -- (the server allows 10 codes per client address an hour).
    local body = string.format('{"type":"access","subject_id":"%s","language":"lv","channel":"web","client_ip":"10.%d.%d.%d"}',
      next_lane_id(), math.random(0, 255), math.random(0, 255), math.random(1, 254))
    return wrk.format("POST", "/v1/requests", json_headers, body)
  end,
}
local build = builders[mode] or error("unknown RS_MODE " .. mode)

request = function()
  counter = counter + 1
  return build()
end

if os.getenv("RS_CHECK") == "1" then
  statuses = {}
  first_error = ""
  response = function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if status >= 300 and first_error == "" then first_error = status .. " " .. string.sub(body or "", 1, 400) end
  end
  done = function(summary, latency, requests)
    local total, error_text = {}, ""
    for _, thread in ipairs(all_threads) do
      for status, n in pairs(thread:get("statuses") or {}) do total[status] = (total[status] or 0) + n end
      local text = thread:get("first_error")
      if error_text == "" and text and text ~= "" then error_text = text end
    end
    for status, n in pairs(total) do io.write(string.format("status %d: %d\n", status, n)) end
    if error_text ~= "" then io.write("first error: " .. error_text .. "\n") end
  end
end
