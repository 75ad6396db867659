namespace YouTubeAnalytics.Host.Configuration;

public sealed class ApiOptions
{
    public const string Section = "Api";
    public string Urls { get; set; } = "http://localhost:8000";
}
