-- wrk script: POST a valid self-referral, each for a different person (no duplicate linking),
-- so the figure is the cost of a new referral: validation, one commit with the outbox row.
-- Usage: wrk -t2 -c32 -d15s --latency -s bench/wrk/referral.lua http://localhost:8080
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local counter = 0
local run = os.time() % 100000
local letters = "abcdefghijklmnopqrstuvwxyz"

local function name(n)
  local s = ""
  repeat
    local r = n % 26
    s = string.sub(letters, r + 1, r + 1) .. s
    n = math.floor(n / 26)
  until n == 0
  return "Bench" .. s
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"channel":"self","person":{"givenName":"%s","familyName":"%s","dateOfBirth":"1980-01-01","postcode":"LS1 4AP",' ..
    '"phone":"07700 900000"},"needs":["loneliness"],"consent":{"shareWithLinkWorker":true,"shareWithGp":"none"},' ..
    '"risk":{"harmToSelf":false,"harmToOthers":false,"inCrisis":false}}',
    name(run * 100 + id), name(counter))
  return wrk.format("POST", "/api/referrals", { ["Content-Type"] = "application/json" }, body)
end

-- One RESULT line the benchmark scripts read (run wrk from the repository root).
dofile("bench/wrk/result.lua")
