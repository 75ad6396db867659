using YouTubeAnalytics.Cli;

// Real environment variables first, then the .env of the working directory (as the host reads it).
var environment = DotEnvFile.Over(Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
return await YtaCommand.RunAsync(args, Console.Out, Console.Error, new HttpClientHandler(), environment);
