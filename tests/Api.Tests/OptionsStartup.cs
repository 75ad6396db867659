using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YouTubeAnalytics.Host.Composition;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Api.Tests;

/// <summary>Binds one setting as the host does at start and returns the one-line error it would stop with, or null.</summary>
public static class OptionsStartup
{
    public static string? StartupError<T>(string key, string value) where T : class
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddAppOptions();
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<T>>().Value;
            return null;
        }
        catch (Exception e) when (StartupErrors.Describe(e) is { } message)
        {
            return message;
        }
    }
}
