using YouTubeAnalytics.Cli;

return await YtaCommand.RunAsync(args, Console.Out, Console.Error, new HttpClientHandler());
