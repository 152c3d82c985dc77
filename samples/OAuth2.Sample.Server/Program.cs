// The sample authorization server + protected resource. See README.md for the curl walk-through.
OAuth2.Sample.Server.SampleServer.BuildApp(args).Run();
