-- wrk script: a link worker's day on the caseload benchmark's data (bench/sql/cases.sql).
-- MODE: caseload-api | caseload-page | case-api | case-page; TOKEN: the link worker's access token;
-- OPEN: how many open cases they hold (ids 1..OPEN). Cycles through pages and cases so no two
-- requests in a row are the same.
-- Usage: MODE=case-api TOKEN=… wrk -t1 -c2 -d20s --latency -s bench/wrk/caseload.lua http://localhost:5202
local mode = os.getenv("MODE") or "caseload-api"
local token = os.getenv("TOKEN") or ""
local open = tonumber(os.getenv("OPEN") or "250")
local pages = math.ceil(open / 25)
local counter = 0

local function case_id(i)
  return string.format("00000000-0000-4000-8000-%012x", i)
end

request = function()
  counter = counter + 1
  local path
  if mode == "caseload-api" then
    path = string.format("/api/cases?assignedTo=me&open=true&pageSize=25&page=%d", counter % pages + 1)
  elseif mode == "caseload-page" then
    path = string.format("/caseworker?pageNumber=%d", counter % pages + 1)
  elseif mode == "case-api" then
    path = "/api/cases/" .. case_id(counter % open + 1)
  else
    path = "/caseworker/cases/" .. case_id(counter % open + 1)
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

dofile("bench/wrk/result.lua")
