-- wrk: distinct delegates posting the registration form of bench-50, each
-- with an address of its own (thread number and count).
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
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = wrk.scheme .. "://" .. wrk.host .. ":" .. wrk.port,
  }, body)
end
