// Drives the sample server with oauth4webapi, a strict OAuth 2.0 client: discovery from the RFC 8414 metadata, client
// credentials, authorization code with PKCE (signing in on the consent page as a browser would), refresh, revocation
// introspection and the device authorization grant (RFC 8628: approve and deny on the verification page, polling
// through authorization_pending and slow_down). Any answer the client rejects fails the step. Prints one line per step and a summary line
// "interop: N passed, N failed" on stdout; exits non-zero on any failure.
import * as oauth from 'oauth4webapi'

const base = process.argv[2]
if (!base) throw new Error('usage: node interop.mjs http://127.0.0.1:PORT')
const issuer = new URL(base)
const insecure = { [oauth.allowInsecureRequests]: true }
const confidential = { client_id: 'demo-client' }
const confidentialAuth = oauth.ClientSecretBasic('demo-secret')
// The resource server: the only demo client allowed to introspect other clients' tokens (RFC 7662 section 4).
const resourceServer = { client_id: 'demo-resource' }
const resourceServerAuth = oauth.ClientSecretBasic('demo-resource-secret')
const publicClient = { client_id: 'demo-public' }
const none = oauth.None()

let passed = 0
let failed = 0
async function step(name, body) {
  try {
    await body()
    passed++
    console.log(`ok   ${name}`)
  } catch (error) {
    failed++
    console.log(`FAIL ${name}: ${error?.message ?? error}${error?.cause ? ` (${JSON.stringify(error.cause).slice(0, 300)})` : ''}`)
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message)
}

let as
await step('discovery (RFC 8414 metadata)', async () => {
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure })
  as = await oauth.processDiscoveryResponse(issuer, response)
  expect(as.token_endpoint && as.authorization_endpoint, 'metadata lacks endpoints')
  expect(as.code_challenge_methods_supported?.includes('S256'), 'S256 not advertised')
})
if (!as) {
  console.log(`interop: ${passed} passed, ${failed} failed`)
  process.exit(1)
}

await step('client credentials', async () => {
  const response = await oauth.clientCredentialsGrantRequest(as, confidential, confidentialAuth, new URLSearchParams({ scope: 'read' }), insecure)
  const result = await oauth.processClientCredentialsResponse(as, confidential, response)
  expect(result.access_token && result.token_type.toLowerCase() === 'bearer', 'no bearer access token')
})

const redirectUri = new URL('/callback', issuer).href
let tokens
await step('authorization code with PKCE through the sign-in page', async () => {
  const verifier = oauth.generateRandomCodeVerifier()
  const challenge = await oauth.calculatePKCECodeChallenge(verifier)
  const state = oauth.generateRandomState()
  const authorize = new URL(as.authorization_endpoint)
  for (const [k, v] of Object.entries({ client_id: publicClient.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'read write', state, code_challenge: challenge, code_challenge_method: 'S256' })) {
    authorize.searchParams.set(k, v)
  }

  // The consent page: fetch it (antiforgery cookie + form token), post the sign-in as the form would.
  const page = await fetch(authorize, { redirect: 'manual' })
  expect(page.status === 200, `consent page answered ${page.status}`)
  const html = await page.text()
  const token = /name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(html)?.[1]
  expect(token, 'no antiforgery token on the consent page')
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const form = new URLSearchParams(authorize.searchParams)
  form.set('__RequestVerificationToken', token)
  form.set('username', 'alice')
  form.set('password', 'alice-password')
  form.set('allowed', 'true')
  const posted = await fetch(new URL('/authorize', issuer), { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' })
  expect(posted.status === 303 || posted.status === 302, `sign-in answered ${posted.status}`)
  const callback = new URL(posted.headers.get('location'))

  const params = oauth.validateAuthResponse(as, publicClient, callback, state)
  const response = await oauth.authorizationCodeGrantRequest(as, publicClient, none, params, redirectUri, verifier, insecure)
  tokens = await oauth.processAuthorizationCodeResponse(as, publicClient, response)
  expect(tokens.access_token && tokens.refresh_token, 'no access and refresh token')
})

await step('refresh (rotation)', async () => {
  const response = await oauth.refreshTokenGrantRequest(as, publicClient, none, tokens.refresh_token, insecure)
  const refreshed = await oauth.processRefreshTokenResponse(as, publicClient, response)
  expect(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token, 'refresh token not rotated')
  tokens = refreshed
})

await step('introspection of an active token', async () => {
  const response = await oauth.introspectionRequest(as, resourceServer, resourceServerAuth, tokens.access_token, insecure)
  const result = await oauth.processIntrospectionResponse(as, resourceServer, response)
  expect(result.active === true && result.client_id === 'demo-public', `unexpected introspection ${JSON.stringify(result)}`)
})

await step('introspection by a client not allowed to introspect others reveals nothing', async () => {
  const response = await oauth.introspectionRequest(as, confidential, confidentialAuth, tokens.access_token, insecure)
  const result = await oauth.processIntrospectionResponse(as, confidential, response)
  expect(result.active === false, `demo-client learnt about demo-public's token: ${JSON.stringify(result)}`)
})

await step('revocation, then introspection says inactive', async () => {
  const response = await oauth.revocationRequest(as, publicClient, none, tokens.refresh_token, insecure)
  await oauth.processRevocationResponse(response)
  const check = await oauth.introspectionRequest(as, resourceServer, resourceServerAuth, tokens.access_token, insecure)
  const result = await oauth.processIntrospectionResponse(as, resourceServer, check)
  expect(result.active === false, 'the family of the revoked refresh token is still active')
})

// The device grant: the strict client starts it, polls, and a "browser" (fetch with the antiforgery cookie) signs in on
// the verification page and approves or denies.
const deviceClient = { client_id: 'demo-device' }
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))
async function startDevice() {
  const response = await oauth.deviceAuthorizationRequest(as, deviceClient, none, new URLSearchParams({ scope: 'read' }), insecure)
  return oauth.processDeviceAuthorizationResponse(as, deviceClient, response)
}
async function poll(deviceCode) {
  const response = await oauth.deviceCodeGrantRequest(as, deviceClient, none, deviceCode, insecure)
  return oauth.processDeviceCodeResponse(as, deviceClient, response)
}
async function pollError(deviceCode) {
  try {
    await poll(deviceCode)
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) return error.error
    throw error
  }
  throw new Error('the poll succeeded')
}
async function decide(started, allowed) {
  const page = await fetch(started.verification_uri_complete, { redirect: 'manual' })
  expect(page.status === 200, `verification page answered ${page.status}`)
  const html = await page.text()
  expect(html.includes('demo-device'), 'the verification page does not say which client asks')
  const token = /name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(html)?.[1]
  expect(token, 'no antiforgery token on the verification page')
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const form = new URLSearchParams({ __RequestVerificationToken: token, user_code: started.user_code, username: 'alice', password: 'alice-password', allowed })
  const posted = await fetch(new URL(started.verification_uri), { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' })
  expect(posted.status === 200, `verification answered ${posted.status}`)
}

let device
await step('device authorization (RFC 8628) from the metadata endpoint', async () => {
  expect(as.device_authorization_endpoint, 'metadata lacks device_authorization_endpoint')
  expect(as.grant_types_supported?.includes('urn:ietf:params:oauth:grant-type:device_code'), 'device grant not advertised')
  device = await startDevice()
  expect(device.device_code && device.user_code && device.verification_uri_complete, 'incomplete device authorization response')
})

await step('device polling: authorization_pending, then slow_down when too fast', async () => {
  const first = await pollError(device.device_code)
  expect(first === 'authorization_pending', `first poll: ${first}`)
  const second = await pollError(device.device_code)
  expect(second === 'slow_down', `immediate second poll: ${second}`)
})

await step('device: sign in and approve on the verification page, then a paced poll gets tokens', async () => {
  await decide(device, 'true')
  await sleep((device.interval ?? 5) + 5.5) // slow_down added 5 seconds to the interval
  const result = await poll(device.device_code)
  expect(result.access_token && result.token_type.toLowerCase() === 'bearer', 'no bearer access token')
  const me = await fetch(new URL('/api/me', issuer), { headers: { authorization: `Bearer ${result.access_token}` } })
  expect(me.status === 200 && (await me.json()).sub === 'user-alice', 'the device token does not act for alice')
})

await step('device: deny on the verification page is access_denied', async () => {
  const denied = await startDevice()
  await decide(denied, 'false')
  const error = await pollError(denied.device_code)
  expect(error === 'access_denied', `poll after denial: ${error}`)
})

// private_key_jwt (RFC 7523 section 2.2): run-extra.sh generated an ES256 key pair and registered the public half for
// demo-keys; oauth4webapi signs the client assertion with the private half. The same assertion sent again is a replay.
const keyClient = { client_id: 'demo-keys' }
let sentAssertion
await step('private_key_jwt client credentials, and the same assertion replayed is invalid_client', async () => {
  const path = process.env.OAUTH2_INTEROP_CLIENT_KEY
  expect(path, 'OAUTH2_INTEROP_CLIENT_KEY is not set (run through run-extra.sh)')
  const { readFile } = await import('node:fs/promises')
  const jwk = JSON.parse(await readFile(path, 'utf8'))
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
  expect(as.token_endpoint_auth_methods_supported?.includes('private_key_jwt'), 'private_key_jwt not advertised')
  expect(as.token_endpoint_auth_signing_alg_values_supported?.includes('ES256'), 'ES256 not advertised for client assertions')
  const recording = {
    ...insecure,
    [oauth.customFetch]: (url, init) => {
      sentAssertion = init.body.toString()
      return fetch(url, init)
    },
  }
  const auth = oauth.PrivateKeyJwt({ key, kid: jwk.kid })
  const response = await oauth.clientCredentialsGrantRequest(as, keyClient, auth, new URLSearchParams({ scope: 'read' }), recording)
  const result = await oauth.processClientCredentialsResponse(as, keyClient, response)
  expect(result.access_token && result.token_type.toLowerCase() === 'bearer', 'no bearer access token')
  expect(sentAssertion?.includes('client_assertion='), 'no client assertion was sent')
  const replay = await fetch(as.token_endpoint, { method: 'POST', body: sentAssertion, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  const body = await replay.json()
  expect(replay.status === 401 && body.error === 'invalid_client', `replayed assertion answered ${replay.status} ${body.error}`)
})


// DPoP (RFC 9449): tokens bound to a key only the client holds. A sign-in for a code, then the token, refresh and
// resource requests each carry a proof made by oauth4webapi's DPoP handle.
async function dpopCode(server, client, verifier, state) {
  const authorize = new URL(server.authorization_endpoint)
  const query = { client_id: client.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'read', state }
  Object.entries({ ...query, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' })
    .forEach(([name, value]) => authorize.searchParams.set(name, value))
  const page = await fetch(authorize, { redirect: 'manual' })
  const antiforgery = /name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(await page.text())?.[1]
  expect(page.status === 200 && antiforgery, `consent page answered ${page.status}`)
  const body = new URLSearchParams([...authorize.searchParams, ['__RequestVerificationToken', antiforgery], ['username', 'alice'], ['password', 'alice-password'], ['allowed', 'true']])
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const signedIn = await fetch(new URL('/authorize', issuer), { method: 'POST', body, headers: { cookie }, redirect: 'manual' })
  return oauth.validateAuthResponse(server, client, new URL(signedIn.headers.get('location')), state)
}

const dpopHandle = oauth.DPoP(publicClient, await oauth.generateKeyPair('ES256'))
let dpopTokens
await step('DPoP: code flow token request with a proof gets a DPoP-bound token', async () => {
  expect(as.dpop_signing_alg_values_supported?.includes('ES256'), 'dpop_signing_alg_values_supported lacks ES256')
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const params = await dpopCode(as, publicClient, verifier, state)
  const response = await oauth.authorizationCodeGrantRequest(as, publicClient, none, params, redirectUri, verifier, { ...insecure, DPoP: dpopHandle })
  dpopTokens = await oauth.processAuthorizationCodeResponse(as, publicClient, response)
  expect(dpopTokens.token_type.toLowerCase() === 'dpop', `token_type is ${dpopTokens.token_type}`)
})

await step('DPoP: refresh with a proof of the same key', async () => {
  const response = await oauth.refreshTokenGrantRequest(as, publicClient, none, dpopTokens.refresh_token, { ...insecure, DPoP: dpopHandle })
  const refreshed = await oauth.processRefreshTokenResponse(as, publicClient, response)
  expect(refreshed.token_type.toLowerCase() === 'dpop' && refreshed.refresh_token !== dpopTokens.refresh_token, 'not a rotated DPoP-bound pair')
  dpopTokens = refreshed
})

await step('DPoP: the bound refresh token without a proof is refused', async () => {
  const response = await oauth.refreshTokenGrantRequest(as, publicClient, none, dpopTokens.refresh_token, insecure)
  expect(response.status === 400 && (await response.json()).error === 'invalid_dpop_proof', `answered ${response.status}`)
})

await step('DPoP: protectedResourceRequest to /api/me', async () => {
  const response = await oauth.protectedResourceRequest(dpopTokens.access_token, 'GET', new URL('/api/me', issuer), undefined, undefined, { ...insecure, DPoP: dpopHandle })
  expect(response.status === 200, `/api/me answered ${response.status}`)
})

await step('DPoP: the bound access token sent as Bearer is refused (RFC 9449 section 7.2)', async () => {
  const response = await fetch(new URL('/api/me', issuer), { headers: { authorization: `Bearer ${dpopTokens.access_token}` } })
  expect(response.status === 401 && /DPoP algs=/.test(response.headers.get('www-authenticate') ?? ''), `answered ${response.status}`)
})

// Server nonces (RFC 9449 section 8) need the option on: run-extra.sh starts a second sample with it and passes its URL.
const nonceBase = process.argv[3]
if (nonceBase) {
  const nonceIssuer = new URL(nonceBase)
  let nonceAs
  const nonceHandle = oauth.DPoP(confidential, await oauth.generateKeyPair('ES256'))
  async function withNonceRetry(request) {
    try {
      return await request()
    } catch (error) {
      expect(oauth.isDPoPNonceError(error), `not a use_dpop_nonce error: ${error?.message ?? error}`)
      return await request()
    }
  }

  let nonceToken
  await step('DPoP nonce: use_dpop_nonce, then the retry with the server nonce gets a token', async () => {
    nonceAs = await oauth.processDiscoveryResponse(nonceIssuer, await oauth.discoveryRequest(nonceIssuer, { algorithm: 'oauth2', ...insecure }))
    let first = true
    const result = await withNonceRetry(async () => {
      const response = await oauth.clientCredentialsGrantRequest(nonceAs, confidential, confidentialAuth, new URLSearchParams({ scope: 'read' }), { ...insecure, DPoP: nonceHandle })
      if (first) {
        first = false
        expect(response.status === 400 && response.headers.get('dpop-nonce'), 'the first request was not asked for a nonce')
      }

      return oauth.processClientCredentialsResponse(nonceAs, confidential, response)
    })
    expect(result.token_type.toLowerCase() === 'dpop', `token_type is ${result.token_type}`)
    nonceToken = result.access_token
  })

  await step('DPoP nonce: protectedResourceRequest to /api/me with the nonce', async () => {
    // A use_dpop_nonce challenge is rejected by oauth4webapi with the nonce cached for the retry.
    const response = await withNonceRetry(() => oauth.protectedResourceRequest(nonceToken, 'GET', new URL('/api/me', nonceIssuer), undefined, undefined, { ...insecure, DPoP: nonceHandle }))
    expect(response.status === 200, `/api/me answered ${response.status}`)
  })
}

console.log(`interop: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
