-- POST /v1/decisions/batch with the 10,000 ids in BATCH_FILE.
local key = os.getenv("SARGS_KEY")
local file = io.open(os.getenv("BATCH_FILE"), "r")
local body = file:read("*a")
file:close()

request = function()
  return wrk.format("POST", "/v1/decisions/batch",
    {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}, body)
end
