// The sample web client: sign in through the sample server, call its /api/me. See README.md.
OAuth2.Sample.Client.SampleClient.BuildApp(args).Run();
