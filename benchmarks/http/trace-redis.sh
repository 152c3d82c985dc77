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
# shellcheck source=benchmarks/http/redis-sample.sh
source benchmarks/http/redis-sample.sh
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
