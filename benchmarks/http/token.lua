-- POST /token, client credentials with HTTP Basic (demo-client:demo-secret).
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=read"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ="
