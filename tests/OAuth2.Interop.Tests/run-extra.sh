#!/usr/bin/env bash
# The interop test: oauth4webapi (a strict client nobody here wrote, run by Node.js) against the sample server built
# by scripts/test.sh. Writes "passed failed skipped" to $1/extra-interop.txt for the summary line.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
results="$(cd "$repo" && mkdir -p "${1:-TestResults}" && cd "${1:-TestResults}" && pwd)"
out="$results/extra-interop.txt"
echo "0 1 0" >"$out"   # counted as one failure unless the run below gets as far as reporting

cd "$here"
if ! npm ci --no-audit --no-fund >/tmp/oauth2-interop-npm.log 2>&1; then
  cat /tmp/oauth2-interop-npm.log
  echo "interop test: npm ci failed"
  exit 1
fi

dll="$repo/samples/OAuth2.Sample.Server/bin/Release/net10.0/OAuth2.Sample.Server.dll"
[ -f "$dll" ] || dotnet build "$repo/samples/OAuth2.Sample.Server" -c Release -nologo -clp:ErrorsOnly >/dev/null
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# 1,000 PBKDF2 iterations keep the demo secret's check quick; the flows are what is tested here.
dotnet "$dll" --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1000 >/tmp/oauth2-interop-sample.log 2>&1 &
sample=$!
trap 'kill $sample 2>/dev/null; wait $sample 2>/dev/null' EXIT
node -e "
  const url = 'http://127.0.0.1:$port/.well-known/oauth-authorization-server';
  (async () => { for (let i = 0; i < 150; i++) { try { if ((await fetch(url)).ok) return; } catch {} await new Promise(r => setTimeout(r, 200)); } process.exit(1); })();
" || { cat /tmp/oauth2-interop-sample.log; echo "interop test: the sample did not start"; exit 1; }

# A second sample with DPoP server nonces on (RFC 9449 section 8), for the nonce round trip.
nonce_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dotnet "$dll" --urls "http://127.0.0.1:$nonce_port" --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1000 --OAuth2:Dpop:RequireNonce=true >/tmp/oauth2-interop-sample-nonce.log 2>&1 &
nonce_sample=$!
trap 'kill $sample $nonce_sample 2>/dev/null; wait $sample $nonce_sample 2>/dev/null' EXIT
node -e "
  const url = 'http://127.0.0.1:$nonce_port/.well-known/oauth-authorization-server';
  (async () => { for (let i = 0; i < 150; i++) { try { if ((await fetch(url)).ok) return; } catch {} await new Promise(r => setTimeout(r, 200)); } process.exit(1); })();
" || { cat /tmp/oauth2-interop-sample-nonce.log; echo "interop test: the nonce sample did not start"; exit 1; }

node interop.mjs "http://127.0.0.1:$port" "http://127.0.0.1:$nonce_port" | tee /tmp/oauth2-interop.log
status=${PIPESTATUS[0]}
summary=$(grep -E '^interop: [0-9]+ passed, [0-9]+ failed' /tmp/oauth2-interop.log | tail -1)
if [ -n "$summary" ]; then
  echo "$summary" | sed -E 's/^interop: ([0-9]+) passed, ([0-9]+) failed$/\1 \2 0/' >"$out"
fi
exit $status
