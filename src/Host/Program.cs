using YouTubeAnalytics.Api;
using YouTubeAnalytics.Host.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddYouTubeAnalytics();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapYouTubeAnalyticsApi();

return await StartupErrors.RunAsync(app);

/// <summary>The entry point; public so that WebApplicationFactory can start the real host in tests.</summary>
public partial class Program;
