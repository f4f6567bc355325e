-- wrk script for bench/run.sh.
--
-- Modes, chosen by the arguments after `--` on the wrk command line:
--   (none)                   GET the URL given to wrk
--   mixed CODES_FILE BASE    cycle CodeSystem/$lookup and CodeSystem/$validate-code over the ICD-10-CM codes
--                            in CODES_FILE (one per line), under the FHIR base path BASE (e.g. /fhir)
--   paths PATHS_FILE BASE   cycle GET BASE .. line over the lines of PATHS_FILE (paths below the FHIR base, already
--                            URL-encoded), e.g. the typeahead workload's $expand searches
--   post BODY_FILE           POST the contents of BODY_FILE as application/json to the URL given to wrk
--
-- done() prints one machine-readable line, "BENCH key=value ...", that run.sh parses.

local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local ICD = "http://hl7.org/fhir/sid/icd-10-cm"

function init(args)
  local mode = args[1]
  if mode == "mixed" or mode == "paths" then
    -- Pre-format every request once; request() then only indexes an array. mixed: each code of the file as a $lookup
    -- and a $validate-code; paths: each line of the file a path below the base.
    local reqs = {}
    for line in io.lines(args[2]) do
      if mode == "mixed" then
        reqs[#reqs + 1] = wrk.format("GET", args[3] .. "/CodeSystem/$lookup?system=" .. ICD .. "&code=" .. line)
        reqs[#reqs + 1] = wrk.format("GET", args[3] .. "/CodeSystem/$validate-code?url=" .. ICD .. "&code=" .. line)
      else
        reqs[#reqs + 1] = wrk.format("GET", args[3] .. line)
      end
    end
    -- Threads start at different points of the cycle so they do not ask for the same request at the same time.
    local i = (id * 7919) % #reqs
    request = function()
      i = i % #reqs + 1
      return reqs[i]
    end
  elseif mode == "post" then
    wrk.method = "POST"
    wrk.body = read_file(args[2])
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Accept"] = "application/json"
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      .. "non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d bytes=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout, summary.bytes))
end
