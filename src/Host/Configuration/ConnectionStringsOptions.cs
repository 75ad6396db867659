namespace YouTubeAnalytics.Host.Configuration;

/// <summary>The ConnectionStrings section: the journal's (ConnectionStrings:Journal), checked when the journal is set up.</summary>
public sealed class ConnectionStringsOptions
{
    public const string Section = "ConnectionStrings";
    public const string DefaultJournal = "Data Source=data/youtube-analytics.db";
    private string _journal = DefaultJournal;

    /// <summary>SQLite or PostgreSQL (by Persistence:Provider); empty: <see cref="DefaultJournal"/>.</summary>
    public string Journal
    {
        get => _journal;
        set => _journal = string.IsNullOrWhiteSpace(value) ? DefaultJournal : value;
    }
}
