#!/usr/bin/env bash
# Runtime counters (dotnet-counters) of the sample on Redis under wrk load: what the Redis path costs in-process.
#   dotnet tool install -g dotnet-counters; bash benchmarks/http/profile-redis.sh [token|me] [sample args...]
#   e.g. bash benchmarks/http/profile-redis.sh token --OAuth2:ClientCacheSeconds=30
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${1:-token}"
shift || true
extra=("$@")
# shellcheck source=benchmarks/http/redis-sample.sh
source benchmarks/http/redis-sample.sh
wrk -t2 -c32 -d14s "${args[@]}" >"$work/wrk.txt" &
wrk_pid=$!
sleep 2
"$HOME/.dotnet/tools/dotnet-counters" collect --process-id "$app_pid" --format csv --output "$work/counters.csv" --duration 00:00:10 \
  --counters System.Runtime >/dev/null 2>&1 || true
wait "$wrk_pid"
grep Requests/sec "$work/wrk.txt"
# Mean of each counter over the window.
awk -F, 'NR>1 { key=$3; gsub(/"/,"",key); sum[key]+=$NF; n[key]++ } END { for (k in sum) printf "%-70s %12.2f\n", k, sum[k]/n[k] }' "$work/counters.csv" | sort
