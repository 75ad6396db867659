using YouTubeAnalytics.Api;
using YouTubeAnalytics.Api.Security;
using YouTubeAnalytics.Host.Composition;

return await StartupErrors.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddYouTubeAnalytics();

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseUtf8JsonBodies();
    app.MapYouTubeAnalyticsApi();

    await app.RunAsync();
});

/// <summary>The entry point; public so that WebApplicationFactory can start the real host in tests.</summary>
public partial class Program;
