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
# private_key_jwt: the test generates its own ES256 key pair; the sample gets only the public JWK set, as a file, for
# an extra client (index 90, after any configured ones); interop.mjs signs with the private key.
keys="$(mktemp -d)"
node -e "
  const fs = require('fs');
  (async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const pub = { ...(await crypto.subtle.exportKey('jwk', pair.publicKey)), kid: 'interop-1', alg: 'ES256', use: 'sig' };
    delete pub.key_ops; delete pub.ext;
    fs.writeFileSync('$keys/client.jwks.json', JSON.stringify({ keys: [pub] }));
    fs.writeFileSync('$keys/client.private.jwk.json', JSON.stringify({ ...(await crypto.subtle.exportKey('jwk', pair.privateKey)), kid: 'interop-1' }));
  })();
"
export OAUTH2_INTEROP_CLIENT_KEY="$keys/client.private.jwk.json"
key_client=(--OAuth2:Clients:90:ClientId=demo-keys --OAuth2:Clients:90:Grants:0=client_credentials --OAuth2:Clients:90:Scopes:0=read "--OAuth2:Clients:90:JwksFile=$keys/client.jwks.json")
# 1,000 PBKDF2 iterations keep the demo secret's check quick; the flows are what is tested here.
dotnet "$dll" --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1000 "${key_client[@]}" >/tmp/oauth2-interop-sample.log 2>&1 &
sample=$!
trap 'kill $sample 2>/dev/null; wait $sample 2>/dev/null; rm -rf "$keys"' EXIT
node -e "
  const url = 'http://127.0.0.1:$port/.well-known/oauth-authorization-server';
  (async () => { for (let i = 0; i < 150; i++) { try { if ((await fetch(url)).ok) return; } catch {} await new Promise(r => setTimeout(r, 200)); } process.exit(1); })();
" || { cat /tmp/oauth2-interop-sample.log; echo "interop test: the sample did not start"; exit 1; }

# A second sample with JWT access tokens and keys that rotate every 12 seconds, for the JWT validation step.
jwt_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dotnet "$dll" --urls "http://127.0.0.1:$jwt_port" --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1000 \
  --OAuth2:Jwt:Enabled=true --OAuth2:Jwt:Issuer="http://127.0.0.1:$jwt_port" --OAuth2:AccessTokenLifetime=00:00:30 \
  --OAuth2:Jwt:SigningKeys:RotationInterval=00:00:12 --OAuth2:Jwt:SigningKeys:PublishAhead=00:00:06 \
  --OAuth2:Jwt:SigningKeys:RefreshInterval=00:00:01 --OAuth2:Jwt:SigningKeys:RetiredKeyRetention=00:00:30 >/tmp/oauth2-interop-jwt-sample.log 2>&1 &
jwt_sample=$!
trap 'kill $sample $jwt_sample 2>/dev/null; wait $sample $jwt_sample 2>/dev/null; rm -rf "$keys"' EXIT
node -e "
  const url = 'http://127.0.0.1:$jwt_port/.well-known/oauth-authorization-server';
  (async () => { for (let i = 0; i < 150; i++) { try { if ((await fetch(url)).ok) return; } catch {} await new Promise(r => setTimeout(r, 200)); } process.exit(1); })();
" || { cat /tmp/oauth2-interop-jwt-sample.log; echo "interop test: the JWT sample did not start"; exit 1; }


# Dynamic client registration: a second sample whose initial access token is made here; only its SHA-256 digest
# goes on the command line, the token itself reaches interop.mjs through the environment.
dcr_token=$(node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")
dcr_hash=$(printf '%s' "$dcr_token" | sha256sum | cut -d' ' -f1)
dcr_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dotnet "$dll" --urls "http://127.0.0.1:$dcr_port" --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1000 \
  "--OAuth2:ClientRegistration:InitialAccessTokenHashes:0=$dcr_hash" >/tmp/oauth2-interop-dcr-sample.log 2>&1 &
dcr_sample=$!
trap 'kill $sample $dcr_sample $jwt_sample 2>/dev/null; wait $sample $dcr_sample $jwt_sample 2>/dev/null; rm -rf "$keys"' EXIT
node -e "
  const url = 'http://127.0.0.1:$dcr_port/.well-known/oauth-authorization-server';
  (async () => { for (let i = 0; i < 150; i++) { try { if ((await fetch(url)).ok) return; } catch {} await new Promise(r => setTimeout(r, 200)); } process.exit(1); })();
" || { cat /tmp/oauth2-interop-dcr-sample.log; echo "interop test: the registration sample did not start"; }

# A sample with DPoP server nonces on (RFC 9449 section 8), for the nonce round trip.
nonce_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dotnet "$dll" --urls "http://127.0.0.1:$nonce_port" --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1000 --OAuth2:Dpop:RequireNonce=true >/tmp/oauth2-interop-sample-nonce.log 2>&1 &
nonce_sample=$!
trap 'kill $sample $dcr_sample $jwt_sample $nonce_sample 2>/dev/null; wait $sample $dcr_sample $jwt_sample $nonce_sample 2>/dev/null; rm -rf "$keys"' EXIT
node -e "
  const url = 'http://127.0.0.1:$nonce_port/.well-known/oauth-authorization-server';
  (async () => { for (let i = 0; i < 150; i++) { try { if ((await fetch(url)).ok) return; } catch {} await new Promise(r => setTimeout(r, 200)); } process.exit(1); })();
" || { cat /tmp/oauth2-interop-sample-nonce.log; echo "interop test: the nonce sample did not start"; exit 1; }

# A sample in FAPI 2.0 mode (private_key_jwt only, DPoP required, PAR required) with DPoP server nonces on, and a code-flow
# client registered with the interop key pair's public half, for the FAPI step.
fapi_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dotnet "$dll" --urls "http://127.0.0.1:$fapi_port" --Logging:LogLevel:Default=Warning --OAuth2:SecretHashIterations=1000 \
  --OAuth2:Profile=Fapi2 --OAuth2:Dpop:RequireNonce=true --OAuth2:Clients:90:ClientId=demo-fapi \
  --OAuth2:Clients:90:Grants:0=authorization_code --OAuth2:Clients:90:Grants:1=refresh_token --OAuth2:Clients:90:Scopes:0=read \
  --OAuth2:Clients:90:RedirectUris:0=http://127.0.0.1:5000/callback "--OAuth2:Clients:90:JwksFile=$keys/client.jwks.json" >/tmp/oauth2-interop-sample-fapi.log 2>&1 &
fapi_sample=$!
trap 'kill $sample $dcr_sample $jwt_sample $nonce_sample $fapi_sample 2>/dev/null; wait $sample $dcr_sample $jwt_sample $nonce_sample $fapi_sample 2>/dev/null; rm -rf "$keys"' EXIT
node -e "
  const url = 'http://127.0.0.1:$fapi_port/.well-known/oauth-authorization-server';
  (async () => { for (let i = 0; i < 150; i++) { try { if ((await fetch(url)).ok) return; } catch {} await new Promise(r => setTimeout(r, 200)); } process.exit(1); })();
" || { cat /tmp/oauth2-interop-sample-fapi.log; echo "interop test: the FAPI sample did not start"; exit 1; }

DCR_ISSUER="http://127.0.0.1:$dcr_port" DCR_TOKEN="$dcr_token" DPOP_NONCE_ISSUER="http://127.0.0.1:$nonce_port" FAPI_ISSUER="http://127.0.0.1:$fapi_port" node interop.mjs "http://127.0.0.1:$port" "http://127.0.0.1:$jwt_port" | tee /tmp/oauth2-interop.log
status=${PIPESTATUS[0]}
summary=$(grep -E '^interop: [0-9]+ passed, [0-9]+ failed' /tmp/oauth2-interop.log | tail -1)
if [ -n "$summary" ]; then
  echo "$summary" | sed -E 's/^interop: ([0-9]+) passed, ([0-9]+) failed$/\1 \2 0/' >"$out"
fi
exit $status
