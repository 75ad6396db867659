using YouTubeAnalytics.Api;
using YouTubeAnalytics.Api.Security;
using YouTubeAnalytics.Host.Composition;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Host.Metrics;

return await StartupErrors.RunAsync(async () =>
{
    // Before the builder reads the environment: .env fills in what the real environment does not set.
    var dotEnv = DotEnvFile.LoadFromWorkingDirectory();
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSingleton(dotEnv);
    builder.AddYouTubeAnalytics();

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseUtf8JsonBodies();
    app.MapYouTubeAnalyticsApi();
    app.MapPipelineMetrics();

    await app.RunAsync();
});

/// <summary>The entry point; public so that WebApplicationFactory can start the real host in tests.</summary>
public partial class Program;
