#!/usr/bin/env bash
# GET /api/me with JWT access tokens: the bearer scheme's revocation check off (signature only) against on (the
# signature plus one store read, the default), on the in-memory store and on Redis, beside opaque tokens (one store
# read, no signature) and the bare Kestrel floor. The configurations are measured in turns, round after round, so a
# load that changes during the run touches all of them alike; the table gives the median of the rounds.
#   bash benchmarks/http/jwt-revocation.sh [seconds-per-turn] [connections] [rounds]
# Needs wrk and redis-server (apt-get install -y wrk redis-server). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-5}"
connections="${2:-32}"
rounds="${3:-5}"
work="$(mktemp -d /tmp/oauth2-jwt-revocation.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }
cpu_ms() { awk '{ printf "%d", ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' "/proc/$1/stat"; }
token_of() { curl -s -u demo-client:demo-secret -d grant_type=client_credentials -d 'scope=read' "$1/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'; }

dotnet build samples/OAuth2.Sample.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/OAuth2.Benchmarks.HttpFloor -c Release -nologo -clp:ErrorsOnly >/dev/null
sample_dll=samples/OAuth2.Sample.Server/bin/Release/net10.0/OAuth2.Sample.Server.dll
floor_dll=benchmarks/OAuth2.Benchmarks.HttpFloor/bin/Release/net10.0/OAuth2.Benchmarks.HttpFloor.dll

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
pids+=($!)
redis_pid=$!
sleep 0.5

names=(); urls=(); server_pids=(); tokens=()
start() { # name extra-args... ("floor" starts the floor app)
  local name=$1; shift
  local port; port=$(free_port)
  if [ "$name" = floor ]; then
    dotnet "$floor_dll" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  else
    dotnet "$sample_dll" --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1 "$@" >"$work/$name.log" 2>&1 &
  fi
  pids+=($!)
  server_pids+=($!)
  names+=("$name")
  urls+=("http://127.0.0.1:$port")
  wait_http "http://127.0.0.1:$port/api/me"
}

redis_args=(--OAuth2:Storage=Redis "--ConnectionStrings:Redis=127.0.0.1:$redis_port")
start floor
start "in-memory opaque"
start "in-memory JWT, check off" --OAuth2:Jwt:Enabled=true --OAuth2:Jwt:CheckRevocation=false
start "in-memory JWT, check on" --OAuth2:Jwt:Enabled=true --OAuth2:Jwt:CheckRevocation=true
start "Redis opaque" "${redis_args[@]}"
start "Redis JWT, check off" "${redis_args[@]}" --OAuth2:Jwt:Enabled=true --OAuth2:Jwt:CheckRevocation=false
start "Redis JWT, check on" "${redis_args[@]}" --OAuth2:Jwt:Enabled=true --OAuth2:Jwt:CheckRevocation=true

for i in "${!names[@]}"; do
  if [ "${names[$i]}" = floor ]; then tokens+=(floor); else tokens+=("$(token_of "${urls[$i]}")"); fi
  wrk -t1 -c4 -d2s -H "Authorization: Bearer ${tokens[$i]}" "${urls[$i]}/api/me" >/dev/null
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  for i in "${!names[@]}"; do
    s0=$(cpu_ms "${server_pids[$i]}"); r0=$(cpu_ms "$redis_pid")
    out=$(wrk -t2 -c"$connections" -d"${duration}s" -H "Authorization: Bearer ${tokens[$i]}" "${urls[$i]}/api/me")
    s1=$(cpu_ms "${server_pids[$i]}"); r1=$(cpu_ms "$redis_pid")
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
    [ -n "$non2xx" ] && { echo "${names[$i]}: $non2xx non-2xx responses" >&2; exit 1; }
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    # CPU per request in µs (cpu_ms is in ms): the server process, and redis-server (which only the Redis rows use).
    echo "$i $round $rps $(( (s1 - s0) * 1000 * 1000 / requests )) $(( (r1 - r0) * 1000 * 1000 / requests ))" >>"$work/results.txt"
  done
done

python3 - "$work/results.txt" "${names[@]}" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
names = sys.argv[2:]
rps = {i: [float(r[2]) for r in rows if int(r[0]) == i] for i in range(len(names))}
cpu = {i: [int(r[3]) / 1000 for r in rows if int(r[0]) == i] for i in range(len(names))}
redis = {i: [int(r[4]) / 1000 for r in rows if int(r[0]) == i] for i in range(len(names))}
floor = statistics.median(rps[0])
print("| GET /api/me | req/s (median) | range over rounds | ratio to floor | server CPU per request (median) | redis-server CPU per request |")
print("| --- | ---: | --- | ---: | ---: | ---: |")
for i, name in enumerate(names):
    m = statistics.median(rps[i])
    print(f"| {name} | {m:,.0f} | {min(rps[i]):,.0f}–{max(rps[i]):,.0f} | {m / floor:.2f} | {statistics.median(cpu[i]):.0f} µs | {statistics.median(redis[i]):.1f} µs |")
for store in ("in-memory", "Redis"):
    off = [i for i, n in enumerate(names) if n == f"{store} JWT, check off"][0]
    on = [i for i, n in enumerate(names) if n == f"{store} JWT, check on"][0]
    per_round = [b / a for a, b in zip(rps[off], rps[on])]
    print(f"\n{store}: check on / check off, per round: {', '.join(f'{x:.2f}' for x in per_round)} (median {statistics.median(per_round):.2f}); "
          f"server CPU per request {statistics.median(cpu[off]):.0f} → {statistics.median(cpu[on]):.0f} µs "
          f"(per round: {', '.join(f'{b - a:+.0f}' for a, b in zip(cpu[off], cpu[on]))} µs)")
EOF
echo
echo "wrk -t2 -c$connections -d${duration}s per turn, $rounds rounds, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
