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

// The sample's consent page as a browser uses it: fetch it (antiforgery cookie and form token), post the sign-in as
// alice with "allow", and return where the server redirects back to the client.
async function approve(authorize, issuerUrl = issuer) {
  const page = await fetch(authorize, { redirect: 'manual' })
  expect(page.status === 200, `consent page answered ${page.status}`)
  const token = /name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(await page.text())?.[1]
  expect(token, 'no antiforgery token on the consent page')
  const form = new URLSearchParams([...authorize.searchParams, ['__RequestVerificationToken', token], ['username', 'alice'], ['password', 'alice-password'], ['allowed', 'true']])
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const posted = await fetch(new URL('/authorize', issuerUrl), { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' })
  expect(posted.status === 303 || posted.status === 302, `sign-in answered ${posted.status}`)
  return new URL(posted.headers.get('location'))
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

  const callback = await approve(authorize)

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

// Resource indicators (RFC 8707): the demo clients are registered for two resources; a token asked for one of them
// carries it as its audience, which introspection answers as aud (RFC 7662).
const apiResource = 'https://api.example.com/'
const localResource = 'http://127.0.0.1:5000/api'
async function audienceOf(accessToken) {
  const response = await oauth.introspectionRequest(as, resourceServer, resourceServerAuth, accessToken, insecure)
  const result = await oauth.processIntrospectionResponse(as, resourceServer, response)
  expect(result.active === true, 'the token is not active')
  return result.aud
}

await step('resource indicators: client credentials with resource, introspection aud', async () => {
  const response = await oauth.clientCredentialsGrantRequest(as, confidential, confidentialAuth, new URLSearchParams([['scope', 'read'], ['resource', apiResource]]), insecure)
  const result = await oauth.processClientCredentialsResponse(as, confidential, response)
  const aud = await audienceOf(result.access_token)
  expect(aud === apiResource, `aud is ${JSON.stringify(aud)}`)
})

await step('resource indicators: authorization code for two resources, token request narrowed to one', async () => {
  const verifier = oauth.generateRandomCodeVerifier()
  const challenge = await oauth.calculatePKCECodeChallenge(verifier)
  const state = oauth.generateRandomState()
  const authorize = new URL(as.authorization_endpoint)
  for (const [k, v] of Object.entries({ client_id: publicClient.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'read', state, code_challenge: challenge, code_challenge_method: 'S256' })) {
    authorize.searchParams.set(k, v)
  }
  authorize.searchParams.append('resource', apiResource)
  authorize.searchParams.append('resource', localResource)

  const signedInAt = await approve(authorize)
  const params = oauth.validateAuthResponse(as, publicClient, signedInAt, state)

  const response = await oauth.authorizationCodeGrantRequest(as, publicClient, none, params, redirectUri, verifier, { ...insecure, additionalParameters: [['resource', localResource]] })
  const result = await oauth.processAuthorizationCodeResponse(as, publicClient, response)
  const aud = await audienceOf(result.access_token)
  expect(aud === localResource, `aud is ${JSON.stringify(aud)}`)

  // The refresh token keeps both resources: a refresh may ask for the other one.
  const refreshed = await oauth.refreshTokenGrantRequest(as, publicClient, none, result.refresh_token, { ...insecure, additionalParameters: [['resource', apiResource]] })
  const again = await oauth.processRefreshTokenResponse(as, publicClient, refreshed)
  const refreshedAud = await audienceOf(again.access_token)
  expect(refreshedAud === apiResource, `aud after refresh is ${JSON.stringify(refreshedAud)}`)
})

await step('resource indicators: an unregistered resource is invalid_target', async () => {
  const response = await oauth.clientCredentialsGrantRequest(as, confidential, confidentialAuth, new URLSearchParams([['resource', 'https://elsewhere.example.com/']]), insecure)
  try {
    await oauth.processClientCredentialsResponse(as, confidential, response)
  } catch (error) {
    expect(error?.error === 'invalid_target', `expected invalid_target, got ${error?.error ?? error}`)
    return
  }
  throw new Error('the token request succeeded')
})

await step('pushed authorization request (RFC 9126), then /authorize with client_id and request_uri through the sign-in page, then the token', async () => {
  expect(as.pushed_authorization_request_endpoint, 'metadata lacks pushed_authorization_request_endpoint')
  const verifier = oauth.generateRandomCodeVerifier()
  const challenge = await oauth.calculatePKCECodeChallenge(verifier)
  const state = oauth.generateRandomState()
  // demo-client is confidential: its registered loopback redirect URI matches exactly, port included (RFC 8252 7.3
  // lets only native apps vary the port), and nothing has to listen there: the code is read from the Location header.
  const registeredRedirectUri = 'http://127.0.0.1:5000/callback'
  const parameters = new URLSearchParams({ redirect_uri: registeredRedirectUri, response_type: 'code', scope: 'read', state, code_challenge: challenge, code_challenge_method: 'S256' })
  const pushedResponse = await oauth.pushedAuthorizationRequest(as, confidential, confidentialAuth, parameters, insecure)
  const pushed = await oauth.processPushedAuthorizationResponse(as, confidential, pushedResponse)
  expect(pushed.request_uri?.startsWith('urn:ietf:params:oauth:request_uri:') && pushed.expires_in > 0, `unexpected PAR response ${JSON.stringify(pushed)}`)

  const authorize = new URL(as.authorization_endpoint)
  authorize.searchParams.set('client_id', confidential.client_id)
  authorize.searchParams.set('request_uri', pushed.request_uri)
  const callback = await approve(authorize)

  const params = oauth.validateAuthResponse(as, confidential, callback, state)
  const response = await oauth.authorizationCodeGrantRequest(as, confidential, confidentialAuth, params, registeredRedirectUri, verifier, insecure)
  const result = await oauth.processAuthorizationCodeResponse(as, confidential, response)
  expect(result.access_token && result.scope === 'read', 'no access token for the pushed request')

  const replay = await fetch(authorize, { redirect: 'manual' })
  expect(replay.status === 400, `a used request_uri answered ${replay.status}`)
})

// Dynamic client registration (RFC 7591) against a second sample that run-extra.sh starts with an initial access
// token (only its SHA-256 digest is on that sample's command line), then the code flow with the registered client.
async function signInForCode(server, issuerUrl, client, redirect, scope) {
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const authorize = new URL(server.authorization_endpoint)
  const query = { client_id: client.client_id, redirect_uri: redirect, response_type: 'code', scope, state, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }
  for (const [k, v] of Object.entries(query)) authorize.searchParams.set(k, v)
  const signedInAt = await approve(authorize, issuerUrl)
  return { params: oauth.validateAuthResponse(server, client, signedInAt, state), verifier }
}

await step('dynamic client registration (RFC 7591) with an initial access token, then the code flow with the new client', async () => {
  const { DCR_ISSUER: dcrBase, DCR_TOKEN: initialAccessToken } = process.env
  expect(dcrBase && initialAccessToken, 'DCR_ISSUER and DCR_TOKEN are not set (run-extra.sh starts the registration sample)')
  const dcrIssuer = new URL(dcrBase)
  const dcrAs = await oauth.processDiscoveryResponse(dcrIssuer, await oauth.discoveryRequest(dcrIssuer, { algorithm: 'oauth2', ...insecure }))
  expect(dcrAs.registration_endpoint, 'metadata lacks registration_endpoint')
  const refused = await oauth.dynamicClientRegistrationRequest(dcrAs, { redirect_uris: ['https://app.example.com/cb'] }, insecure)
  expect(refused.status === 401, `registration without the initial access token answered ${refused.status}`)
  const redirect = new URL('/callback', dcrIssuer).href
  const metadata = { redirect_uris: [redirect], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], scope: 'read', client_name: 'interop' }
  const registered = await oauth.processDynamicClientRegistrationResponse(
    await oauth.dynamicClientRegistrationRequest(dcrAs, metadata, { initialAccessToken, ...insecure }))
  expect(registered.client_id && !registered.client_secret, 'a public client must get an id and no secret')
  expect(registered.registration_access_token && registered.registration_client_uri, 'no RFC 7592 management credentials')
  const client = { client_id: registered.client_id }
  const { params, verifier } = await signInForCode(dcrAs, dcrIssuer, client, redirect, 'read')
  const result = await oauth.processAuthorizationCodeResponse(dcrAs, client,
    await oauth.authorizationCodeGrantRequest(dcrAs, client, none, params, redirect, verifier, insecure))
  expect(result.access_token && result.refresh_token, 'no access and refresh token for the registered client')
  const deleted = await fetch(registered.registration_client_uri, { method: 'DELETE', headers: { authorization: `Bearer ${registered.registration_access_token}` } })
  expect(deleted.status === 204, `RFC 7592 delete answered ${deleted.status}`)
})

// Token exchange (RFC 8693): the demo resource server exchanges a token from an earlier step (demo-client's own,
// from client credentials) for the demo audience, through the generic grant request of the strict client.
await step('token exchange (RFC 8693) with genericTokenEndpointRequest', async () => {
  expect(as.grant_types_supported?.includes('urn:ietf:params:oauth:grant-type:token-exchange'), 'token exchange not advertised')
  const subjectResponse = await oauth.clientCredentialsGrantRequest(as, confidential, confidentialAuth, new URLSearchParams({ scope: 'read' }), insecure)
  const subject = await oauth.processClientCredentialsResponse(as, confidential, subjectResponse)
  const response = await oauth.genericTokenEndpointRequest(as, resourceServer, resourceServerAuth, 'urn:ietf:params:oauth:grant-type:token-exchange', {
    subject_token: subject.access_token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    audience: 'urn:oauth2-sample:demo-api',
  }, insecure)
  const exchanged = await oauth.processGenericTokenEndpointResponse(as, resourceServer, response)
  expect(exchanged.access_token && exchanged.access_token !== subject.access_token, 'no new access token')
  expect(exchanged.issued_token_type === 'urn:ietf:params:oauth:token-type:access_token', `issued_token_type ${exchanged.issued_token_type}`)
  const check = await oauth.introspectionRequest(as, resourceServer, resourceServerAuth, exchanged.access_token, insecure)
  const result = await oauth.processIntrospectionResponse(as, resourceServer, check)
  expect(result.active === true && result.sub === 'demo-client' && result.client_id === 'demo-resource', `unexpected introspection ${JSON.stringify(result)}`)
})

// A second sample (run-extra.sh) issues JWT access tokens with persisted keys that rotate every 12 seconds (a next
// key published 6 seconds ahead): oauth4webapi's resource-server validation, with the metadata and the JWKS it
// fetches itself, accepts a token signed before the rotation and one signed after it.
const jwtBase = process.argv[3]
if (jwtBase) {
  await step('JWT access token (RFC 9068) validates with validateJwtAccessToken across a key rotation', async () => {
    const jwtIssuer = new URL(jwtBase)
    const jwtAs = await oauth.processDiscoveryResponse(jwtIssuer, await oauth.discoveryRequest(jwtIssuer, { algorithm: 'oauth2', ...insecure }))
    expect(jwtAs.jwks_uri, 'metadata lacks jwks_uri')
    const issue = async () => {
      const response = await oauth.clientCredentialsGrantRequest(jwtAs, confidential, confidentialAuth, new URLSearchParams({ scope: 'read' }), insecure)
      return (await oauth.processClientCredentialsResponse(jwtAs, confidential, response)).access_token
    }
    const kid = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()).kid
    // A fresh copy of the metadata per validation: oauth4webapi caches the JWKS per metadata object.
    const validate = (jwt) => oauth.validateJwtAccessToken({ ...jwtAs }, new Request(new URL('/api/me', jwtIssuer), { headers: { authorization: `Bearer ${jwt}` } }), 'urn:oauth2-sample:api', insecure)
    const before = await issue()
    const claims = await validate(before)
    expect(claims.client_id === 'demo-client', 'the token does not name its client')
    let after = before
    for (let i = 0; i < 40 && kid(after) === kid(before); i++) {
      await sleep(0.5)
      after = await issue()
    }
    expect(kid(after) !== kid(before), 'no rotation within 20 seconds')
    await validate(before)
    await validate(after)
    const jwks = await (await fetch(jwtAs.jwks_uri)).json()
    expect(jwks.keys.some((k) => k.kid === kid(before)) && jwks.keys.some((k) => k.kid === kid(after)), 'the JWKS does not publish both keys')
  })
}

// DPoP (RFC 9449): tokens bound to a key only the client holds. A sign-in for a code, then the token, refresh and
// resource requests each carry a proof made by oauth4webapi's DPoP handle.
async function dpopCode(server, client, verifier, state, extra = {}) {
  const authorize = new URL(server.authorization_endpoint)
  const query = { client_id: client.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'read', state, ...extra }
  Object.entries({ ...query, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' })
    .forEach(([name, value]) => authorize.searchParams.set(name, value))
  const signedInAt = await approve(authorize)
  return oauth.validateAuthResponse(server, client, signedInAt, state)
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

// Server nonces (RFC 9449 section 8) need the option on: run-extra.sh starts a second sample with it and passes its URL in DPOP_NONCE_ISSUER.
const nonceBase = process.env.DPOP_NONCE_ISSUER
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

// FAPI 2.0 (the sample's Profile=Fapi2 switch, with DPoP server nonces on): run-extra.sh starts a sample in that mode
// and passes its URL in FAPI_ISSUER; demo-fapi is registered there with the public half of the interop key pair. The
// one flow the profile allows: PAR + private_key_jwt (aud = the issuer) + PKCE, the sign-in page, a DPoP-bound code
// redemption (first answered use_dpop_nonce, then retried with the server's nonce), a DPoP refresh, /api/me with a proof.
const fapiBase = process.env.FAPI_ISSUER
if (fapiBase) {
  await step('FAPI 2.0: PAR + PrivateKeyJwt + DPoP code flow (use_dpop_nonce retry), DPoP refresh, DPoP /api/me; secrets and proofless requests refused', async () => {
    const fapiIssuer = new URL(fapiBase)
    const fapiAs = await oauth.processDiscoveryResponse(fapiIssuer, await oauth.discoveryRequest(fapiIssuer, { algorithm: 'oauth2', ...insecure }))
    expect(JSON.stringify(fapiAs.token_endpoint_auth_methods_supported) === '["private_key_jwt"]', `auth methods ${JSON.stringify(fapiAs.token_endpoint_auth_methods_supported)}`)
    expect(fapiAs.require_pushed_authorization_requests === true && fapiAs.dpop_signing_alg_values_supported?.includes('ES256'), 'PAR not required or DPoP not advertised')
    const { readFile } = await import('node:fs/promises')
    const jwk = JSON.parse(await readFile(process.env.OAUTH2_INTEROP_CLIENT_KEY, 'utf8'))
    const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
    const fapiClient = { client_id: 'demo-fapi' }
    const auth = oauth.PrivateKeyJwt({ key, kid: jwk.kid })
    const dpop = oauth.DPoP(fapiClient, await oauth.generateKeyPair('ES256'))
    const fapiRedirect = 'http://127.0.0.1:5000/callback'

    // Refused first: a client secret (demo-client's, valid on the default sample).
    const secret = await oauth.clientCredentialsGrantRequest(fapiAs, confidential, confidentialAuth, new URLSearchParams({ scope: 'read' }), insecure)
    expect(secret.status === 401 && (await secret.json()).error === 'invalid_client', `client_secret_basic answered ${secret.status}`)

    const verifier = oauth.generateRandomCodeVerifier()
    const state = oauth.generateRandomState()
    const parameters = new URLSearchParams({ redirect_uri: fapiRedirect, response_type: 'code', scope: 'read', state, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' })
    const pushed = await oauth.processPushedAuthorizationResponse(fapiAs, fapiClient, await oauth.pushedAuthorizationRequest(fapiAs, fapiClient, auth, parameters, insecure))
    const authorize = new URL(fapiAs.authorization_endpoint)
    authorize.searchParams.set('client_id', fapiClient.client_id)
    authorize.searchParams.set('request_uri', pushed.request_uri)
    const signedInAt = await approve(authorize, fapiIssuer)
    const params = oauth.validateAuthResponse(fapiAs, fapiClient, signedInAt, state)

    // A token request without a proof is refused before the grant, so the code is still good for the next one.
    const proofless = await oauth.authorizationCodeGrantRequest(fapiAs, fapiClient, auth, params, fapiRedirect, verifier, insecure)
    expect(proofless.status === 400 && (await proofless.json()).error === 'invalid_dpop_proof', `a token request without a proof answered ${proofless.status}`)

    let nonceAsked = false
    let tokens
    for (let attempt = 0; attempt < 2 && !tokens; attempt++) {
      try {
        tokens = await oauth.processAuthorizationCodeResponse(fapiAs, fapiClient,
          await oauth.authorizationCodeGrantRequest(fapiAs, fapiClient, auth, params, fapiRedirect, verifier, { ...insecure, DPoP: dpop }))
      } catch (error) {
        expect(attempt === 0 && oauth.isDPoPNonceError(error), `not a first use_dpop_nonce: ${error?.message ?? error}`)
        nonceAsked = true
      }
    }
    expect(nonceAsked, 'the server did not ask for a DPoP nonce')
    expect(tokens.token_type.toLowerCase() === 'dpop' && tokens.refresh_token, `token_type ${tokens.token_type}, refresh token ${Boolean(tokens.refresh_token)}`)

    const refreshed = await oauth.processRefreshTokenResponse(fapiAs, fapiClient,
      await oauth.refreshTokenGrantRequest(fapiAs, fapiClient, auth, tokens.refresh_token, { ...insecure, DPoP: dpop }))
    expect(refreshed.token_type.toLowerCase() === 'dpop', `refresh token_type ${refreshed.token_type}`)

    const me = () => oauth.protectedResourceRequest(refreshed.access_token, 'GET', new URL('/api/me', fapiIssuer), undefined, undefined, { ...insecure, DPoP: dpop })
    let response
    try {
      response = await me()
    } catch (error) {
      expect(oauth.isDPoPNonceError(error), `not a use_dpop_nonce error: ${error?.message ?? error}`)
      response = await me()
    }
    expect(response.status === 200 && (await response.json()).client_id === 'demo-fapi', `/api/me answered ${response.status}`)
  })
}

// DPoP authorization code binding (RFC 9449 section 10), on the default sample: dpop_jkt (the thumbprint oauth4webapi
// computes for its DPoP handle) goes through the sign-in page; a token request proven by another key is invalid_grant
// and leaves the code unused, so the bound key then redeems the same code for a DPoP token that works at /api/me.
await step('DPoP dpop_jkt: code bound to a key; another key is invalid_grant, the bound key gets a DPoP token for /api/me', async () => {
  const bound = oauth.DPoP(publicClient, await oauth.generateKeyPair('ES256'))
  const other = oauth.DPoP(publicClient, await oauth.generateKeyPair('ES256'))
  const jkt = await bound.calculateThumbprint()
  expect(jkt !== await other.calculateThumbprint(), 'the two keys have one thumbprint')
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const params = await dpopCode(as, publicClient, verifier, state, { dpop_jkt: jkt })

  const redeem = async (handle) => oauth.processAuthorizationCodeResponse(as, publicClient,
    await oauth.authorizationCodeGrantRequest(as, publicClient, none, params, redirectUri, verifier, { ...insecure, DPoP: handle }))
  let error
  try {
    await redeem(other)
  } catch (caught) {
    error = caught
  }
  expect(error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant', `another key's proof: ${error ? `${error.name} ${error.error ?? error.message}` : 'tokens issued'}`)

  const tokens = await redeem(bound)
  expect(tokens.token_type.toLowerCase() === 'dpop', `token_type is ${tokens.token_type}`)
  const me = await oauth.protectedResourceRequest(tokens.access_token, 'GET', new URL('/api/me', issuer), undefined, undefined, { ...insecure, DPoP: bound })
  expect(me.status === 200 && (await me.json()).sub === 'user-alice', `/api/me answered ${me.status}`)
})

console.log(`interop: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
