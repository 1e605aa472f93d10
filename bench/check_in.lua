-- wrk: check-in desks scanning passes (bench/run writes the confirmed
-- registrations' codes to CHECK_IN_CODES, one a line). Each thread is a
-- desk going through the codes from its own starting point, so that desks
-- scan the same pass at the same time as well as different ones. With
-- CHECK_IN_PAUSE_MS, a desk waits that long between scans (a person steps
-- up to the desk); without it, it scans as fast as the server answers.
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
end

function init(args)
  codes = {}
  for line in io.lines(os.getenv("CHECK_IN_CODES")) do
    table.insert(codes, line)
  end
  n = id * 97
  cookie = os.getenv("CHECK_IN_COOKIE")
  pause = tonumber(os.getenv("CHECK_IN_PAUSE_MS") or "0")
end

function delay()
  return pause
end

request = function()
  n = n + 1
  local code = codes[(n % #codes) + 1]
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = wrk.scheme .. "://" .. wrk.host .. ":" .. wrk.port,
    ["Sec-Fetch-Site"] = "same-origin",
    ["Cookie"] = cookie,
  }, "code=" .. code .. "&desk=" .. id)
end
