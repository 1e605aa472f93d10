-- wrk: distinct delegates posting the registration form of bench-50, each
-- with an email address of its own (thread number and count) and a client
-- address of its own, as a trusted reverse proxy names it in
-- X-Forwarded-For (bench/run trusts 127.0.0.1).
local thread_id = 0
local threads = {}

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  run = os.time()
end

request = function()
  n = n + 1
  local email = string.format("r%d-t%d-%d@bench.example.org", run, id, n)
  local body = "given_name=Amal&family_name=Haddad&email=" .. email ..
    "&organisation=City+of+Tunis&city=Tunis&country=TN&category=mayor_or_governor" ..
    "&languages=en&consent=on"
  local client = string.format("10.%d.%d.%d", id, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = wrk.scheme .. "://" .. wrk.host .. ":" .. wrk.port,
    ["X-Forwarded-For"] = client,
  }, body)
end
