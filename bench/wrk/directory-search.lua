-- wrk script: directory searches a person would make (words + need + distance from a postcode),
-- cycling through towns, needs and words so no two requests in a row are the same.
-- Usage: wrk -t2 -c4 -d30s --latency -s bench/wrk/directory-search.lua http://localhost:8080
local postcodes = { "LS1%204AP", "LS6", "BD1", "WF1", "HD1", "YO1", "S1", "HX1", "HG1", "LS11%205DR", "BD8", "S10" }
local needs = { "loneliness", "physical-activity", "mental-wellbeing", "money", "debt", "carers", "nature", "food", "arts-culture", "learning" }
local words = { "group", "advice", "walk", "cafe", "support", "club", "garden", "help", "course", "drop-in", "friendly" }
local counter = 0

request = function()
  counter = counter + 1
  local path = string.format("/api/directory/services?search=%s&taxonomy_term_id=%s&postcode=%s&proximity=%d&per_page=20",
    words[counter % #words + 1], needs[counter % #needs + 1], postcodes[counter % #postcodes + 1], 5000 + (counter % 4) * 5000)
  return wrk.format("GET", path)
end

-- One RESULT line the benchmark scripts read (run wrk from the repository root).
dofile("bench/wrk/result.lua")
