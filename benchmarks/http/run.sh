#!/usr/bin/env bash
# HTTP benchmark: requests per second for the sample's token endpoint and protected resource, on the in-memory
# store and on Redis, beside the floor (benchmarks/OAuth2.Benchmarks.HttpFloor: only the unavoidable work of a token
# response) measured in the same run. Everything runs on loopback; wrk, the servers and Redis share the machine.
# The sample completes Redis replies on the .NET thread pool (SocketManager.ThreadPool). Then, unless the third
# argument is "base", three more Redis configurations in a second table: StackExchange.Redis's own dedicated I/O
# threads instead (--OAuth2:RedisDedicatedIoThreads=true), the client cache on (--OAuth2:ClientCacheSeconds=30), and
# the cache plus JWT access tokens (--OAuth2:Jwt:Enabled=true with the revocation check off: /api/me validates the
# signature, reads nothing from Redis; benchmarks/http/jwt-revocation.sh measures the check off against on).
#   bash benchmarks/http/run.sh [duration-seconds] [connections] [all|base]
# Needs wrk and redis-server (apt-get install -y wrk redis-server). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
connections="${2:-32}"
variants="${3:-all}"
work="$(mktemp -d /tmp/oauth2-http-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

dotnet build samples/OAuth2.Sample.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/OAuth2.Benchmarks.HttpFloor -c Release -nologo -clp:ErrorsOnly >/dev/null
sample_dll=samples/OAuth2.Sample.Server/bin/Release/net10.0/OAuth2.Sample.Server.dll
floor_dll=benchmarks/OAuth2.Benchmarks.HttpFloor/bin/Release/net10.0/OAuth2.Benchmarks.HttpFloor.dll

start_sample() { # port extra-args...
  local port=$1; shift
  # One PBKDF2 iteration: the demo secret then costs what a server-generated secret (one SHA-256) costs, which is
  # what a machine client has; the default 600,000 iterations protect person-chosen secrets and would be measured instead.
  # Rate limiting stays on, but wrk is one address and one client at tens of thousands of requests a second, far above
  # the token endpoint's default limits (6,000 a minute per address, 60,000 per client id): raise them so every request
  # still goes through the limiter and the failed-authentication check, and none is refused (wrk never fails).
  # Telemetry stays on (logs, meters, spans are created) with no exporter attached, as most hosts run; the sample's
  # default Prometheus exporter costs about 15% more on the token endpoint (benchmarks/README.md).
  dotnet "$sample_dll" --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1 --Telemetry:Exporter=none \
    --OAuth2:RateLimits:Token:PerAddress:PermitLimit=2000000000 --OAuth2:RateLimits:Token:PerClient:PermitLimit=2000000000 \
    "$@" >"$work/sample-$port.log" 2>&1 &
  pids+=($!)
  last_sample_pid=$!
  wait_http "http://127.0.0.1:$port/.well-known/oauth-authorization-server"
}

cpu_ms() { awk '{ printf "%d", ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' "/proc/$1/stat"; }

# rps url [wrk args...]: requests per second; also records, per request, the CPU time (µs) that the server process
# ($server_pid) and Redis ($redis_pid, when set) spent, in $work/cpu.txt.
rps() {
  local url=$1; shift
  local s0 r0 out requests
  s0=$(cpu_ms "$server_pid"); r0=0; [ -n "${redis_pid:-}" ] && r0=$(cpu_ms "$redis_pid")
  out=$(wrk -t2 -c"$connections" -d"${duration}s" "$@" "$url")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  local s1 r1; s1=$(cpu_ms "$server_pid"); r1=0; [ -n "${redis_pid:-}" ] && r1=$(cpu_ms "$redis_pid")
  echo "${config:-} $url server=$(( (s1 - s0) * 1000 / requests ))us redis=$(( (r1 - r0) * 1000 / requests ))us per request" >>"$work/cpu.txt"
  echo "$out" | awk '/Requests\/sec/ {print $2}'
}

token_of() { curl -s -u demo-client:demo-secret -d grant_type=client_credentials -d 'scope=read' "$1/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
floor_port=$(free_port)
dotnet "$floor_dll" --urls "http://127.0.0.1:$floor_port" >"$work/floor.log" 2>&1 &
pids+=($!)
floor_pid=$!
wait_http "http://127.0.0.1:$floor_port/api/me"

memory_port=$(free_port)
start_sample "$memory_port"
memory_pid=$last_sample_pid

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
pids+=($!)
redis_server_pid=$!
sleep 0.5
redis_sample_port=$(free_port)
start_sample "$redis_sample_port" --OAuth2:Storage=Redis "--ConnectionStrings:Redis=127.0.0.1:$redis_port"
redis_sample_pid=$last_sample_pid

floor_url="http://127.0.0.1:$floor_port"
memory_url="http://127.0.0.1:$memory_port"
redis_url="http://127.0.0.1:$redis_sample_port"
warm_urls=("$floor_url" "$memory_url" "$redis_url")

if [ "$variants" != base ]; then
  dedicated_sample_port=$(free_port)
  start_sample "$dedicated_sample_port" --OAuth2:Storage=Redis "--ConnectionStrings:Redis=127.0.0.1:$redis_port" --OAuth2:RedisDedicatedIoThreads=true
  dedicated_sample_pid=$last_sample_pid
  dedicated_url="http://127.0.0.1:$dedicated_sample_port"
  cache_sample_port=$(free_port)
  start_sample "$cache_sample_port" --OAuth2:Storage=Redis "--ConnectionStrings:Redis=127.0.0.1:$redis_port" --OAuth2:ClientCacheSeconds=30
  cache_sample_pid=$last_sample_pid
  jwt_sample_port=$(free_port)
  start_sample "$jwt_sample_port" --OAuth2:Storage=Redis "--ConnectionStrings:Redis=127.0.0.1:$redis_port" --OAuth2:ClientCacheSeconds=30 --OAuth2:Jwt:Enabled=true --OAuth2:Jwt:CheckRevocation=false
  jwt_sample_pid=$last_sample_pid
  cache_url="http://127.0.0.1:$cache_sample_port"
  jwt_url="http://127.0.0.1:$jwt_sample_port"
  warm_urls+=("$dedicated_url" "$cache_url" "$jwt_url")
fi

# Warm-up: JIT and connection pools.
for url in "${warm_urls[@]}"; do wrk -t1 -c4 -d2s -s benchmarks/http/token.lua "$url/token" >/dev/null; done

config=floor; server_pid=$floor_pid; redis_pid=""
floor_token=$(rps "$floor_url/token" -s benchmarks/http/token.lua)
floor_me=$(rps "$floor_url/api/me" -H "Authorization: Bearer floor")
config=in-memory; server_pid=$memory_pid
memory_token=$(rps "$memory_url/token" -s benchmarks/http/token.lua)
memory_me=$(rps "$memory_url/api/me" -H "Authorization: Bearer $(token_of "$memory_url")")
config=Redis; server_pid=$redis_sample_pid; redis_pid=$redis_server_pid
redis_token=$(rps "$redis_url/token" -s benchmarks/http/token.lua)
redis_me=$(rps "$redis_url/api/me" -H "Authorization: Bearer $(token_of "$redis_url")")
if [ "$variants" != base ]; then
  config=Redis-dedicated-threads; server_pid=$dedicated_sample_pid
  dedicated_token=$(rps "$dedicated_url/token" -s benchmarks/http/token.lua)
  dedicated_me=$(rps "$dedicated_url/api/me" -H "Authorization: Bearer $(token_of "$dedicated_url")")
  config=Redis+cache; server_pid=$cache_sample_pid
  cache_token=$(rps "$cache_url/token" -s benchmarks/http/token.lua)
  cache_me=$(rps "$cache_url/api/me" -H "Authorization: Bearer $(token_of "$cache_url")")
  config=Redis+cache+JWT; server_pid=$jwt_sample_pid
  jwt_token=$(rps "$jwt_url/token" -s benchmarks/http/token.lua)
  jwt_me=$(rps "$jwt_url/api/me" -H "Authorization: Bearer $(token_of "$jwt_url")")
fi

ratio() { python3 -c "print(f'{float($1)/float($2):.2f}')"; }
echo "| endpoint | floor (req/s) | in-memory (req/s) | ratio | Redis (req/s) | ratio | target |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
echo "| POST /token (client credentials) | $floor_token | $memory_token | $(ratio "$memory_token" "$floor_token") | $redis_token | $(ratio "$redis_token" "$floor_token") | ≥ 0.6 |"
echo "| GET /api/me (bearer) | $floor_me | $memory_me | $(ratio "$memory_me" "$floor_me") | $redis_me | $(ratio "$redis_me" "$floor_me") | ≥ 0.7 |"
if [ "$variants" != base ]; then
  echo
  echo "| endpoint | floor (req/s) | Redis, dedicated I/O threads (req/s) | ratio | Redis + client cache (req/s) | ratio | Redis + client cache + JWT (req/s) | ratio | target |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  echo "| POST /token (client credentials) | $floor_token | $dedicated_token | $(ratio "$dedicated_token" "$floor_token") | $cache_token | $(ratio "$cache_token" "$floor_token") | $jwt_token | $(ratio "$jwt_token" "$floor_token") | ≥ 0.6 |"
  echo "| GET /api/me (bearer) | $floor_me | $dedicated_me | $(ratio "$dedicated_me" "$floor_me") | $cache_me | $(ratio "$cache_me" "$floor_me") | $jwt_me | $(ratio "$jwt_me" "$floor_me") | ≥ 0.7 |"
fi
echo
echo "wrk -t2 -c$connections -d${duration}s, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "CPU time per request (server process, redis-server):"
sed 's/^/    /' "$work/cpu.txt"
