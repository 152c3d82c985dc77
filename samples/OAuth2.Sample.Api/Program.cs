// The sample API: a resource server in its own process. See README.md.
OAuth2.Sample.Api.SampleApi.BuildApp(args).Run();
