namespace YouTubeAnalytics.Host.Configuration;

public sealed class PersistenceOptions
{
    public const string Section = "Persistence";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
    public string Provider { get; set; } = Sqlite;
}
