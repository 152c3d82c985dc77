#!/usr/bin/env bash
# A sampled stack trace (dotnet-trace) of the sample on Redis under wrk load, reduced to the methods that were on the
# stack longest: which code the Redis path's CPU goes to, beside dotnet-counters' totals (profile-redis.sh).
#   dotnet tool install -g dotnet-trace; bash benchmarks/http/trace-redis.sh [token|me] [N] [sample args...]
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${1:-token}"
top="${2:-25}"
shift 2 || shift $# || true
extra=("$@")
work="$(mktemp -d /tmp/oauth2-trace.XXXXXX)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
redis_port=$(port); app_port=$(port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 & pids+=($!)
dotnet build samples/OAuth2.Sample.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet samples/OAuth2.Sample.Server/bin/Release/net10.0/OAuth2.Sample.Server.dll --urls "http://127.0.0.1:$app_port" \
  --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1 --OAuth2:Storage=Redis "--ConnectionStrings:Redis=127.0.0.1:$redis_port" "${extra[@]}" >"$work/app.log" 2>&1 &
app_pid=$!; pids+=($app_pid)
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$app_port/api/me" && break; sleep 0.2; done
url="http://127.0.0.1:$app_port"
if [ "$target" = token ]; then args=(-s benchmarks/http/token.lua "$url/token"); else
  token=$(curl -s -u demo-client:demo-secret -d grant_type=client_credentials -d scope=read "$url/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  args=(-H "Authorization: Bearer $token" "$url/api/me"); fi
wrk -t1 -c8 -d3s "${args[@]}" >/dev/null
wrk -t2 -c32 -d14s "${args[@]}" >"$work/wrk.txt" &
wrk_pid=$!
sleep 2
"$HOME/.dotnet/tools/dotnet-trace" collect --process-id "$app_pid" --profile dotnet-sampled-thread-time \
  --duration 00:00:00:10 --output "$work/trace.nettrace" >/dev/null 2>&1 || true
wait "$wrk_pid"
grep Requests/sec "$work/wrk.txt"
echo "--- exclusive (where the samples landed)"
"$HOME/.dotnet/tools/dotnet-trace" report "$work/trace.nettrace" topN -n "$top"
echo "--- inclusive"
"$HOME/.dotnet/tools/dotnet-trace" report "$work/trace.nettrace" topN -n "$top" --inclusive
