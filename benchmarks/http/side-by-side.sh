#!/usr/bin/env bash
# Side by side: several builds of the sample (e.g. two commits checked out with `git worktree add` and built in
# Release) run at once; wrk takes turns between them, token endpoint then /api/me, round after round, so every build
# sees the same machine. Prints req/s and the server's CPU time per request for each run.
#   bash benchmarks/http/side-by-side.sh ROUNDS SECONDS name=path/to/OAuth2.Sample.Server.dll ...
# Needs wrk. Same server flags as run.sh (no exporter, token rate limits raised, one PBKDF2 iteration).
set -u
rounds=$1; dur=$2; shift 2
lua="$(cd "$(dirname "$0")" && pwd)/token.lua"
args=(--Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1 --Telemetry:Exporter=none --OAuth2:RateLimits:Token:PerAddress:PermitLimit=2000000000 --OAuth2:RateLimits:Token:PerClient:PermitLimit=2000000000)
names=(); pids=(); ports=(); port=18900
for spec in "$@"; do
  name=${spec%%=*}; dll=${spec#*=}; port=$((port+1))
  dotnet $dll --urls http://127.0.0.1:$port "${args[@]}" >"/tmp/side-by-side-$name.log" 2>&1 &
  pids+=($!); names+=($name); ports+=($port)
done
trap 'kill ${pids[*]} 2>/dev/null' EXIT
for p in ${ports[@]}; do for i in $(seq 150); do curl -s -o /dev/null http://127.0.0.1:$p/.well-known/oauth-authorization-server && break; sleep 0.2; done; done
cpu() { awk '{ printf "%d", ($14 + $15) * 10 }' /proc/$1/stat; }
tok() { curl -s -u demo-client:demo-secret -d grant_type=client_credentials -d scope=read http://127.0.0.1:$1/token | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'; }
declare -A T
for i in ${!ports[@]}; do T[$i]=$(tok ${ports[$i]}); wrk -t2 -c16 -d8s -s "$lua" http://127.0.0.1:${ports[$i]}/token >/dev/null; wrk -t2 -c16 -d4s -H "Authorization: Bearer ${T[$i]}" http://127.0.0.1:${ports[$i]}/api/me >/dev/null; done
for r in $(seq $rounds); do
  for i in ${!ports[@]}; do
    for ep in token me; do
      if [ $ep = token ]; then w=(-s "$lua" http://127.0.0.1:${ports[$i]}/token); else w=(-H "Authorization: Bearer ${T[$i]}" http://127.0.0.1:${ports[$i]}/api/me); fi
      c0=$(cpu ${pids[$i]}); out=$(wrk -t2 -c32 -d${dur}s "${w[@]}"); c1=$(cpu ${pids[$i]})
      n=$(echo "$out" | awk '/requests in/ {print $1}'); rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      non2xx=$(echo "$out" | grep -c "Non-2xx")
      echo "${names[$i]} $ep round=$r rps=$rps cpu_us=$(( (c1-c0)*1000/n )) non2xx=$non2xx"
    done
  done
done
