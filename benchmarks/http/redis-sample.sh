# Sourced by profile-redis.sh and trace-redis.sh: starts a private redis-server and the sample on it (with any extra
# sample arguments in "${extra[@]}"), warms it, and sets $work, $app_pid, $url and the wrk arguments $args for the
# target ("token" or "me"). Everything started is stopped on exit.
work="$(mktemp -d /tmp/oauth2-redis-sample.XXXXXX)"
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
