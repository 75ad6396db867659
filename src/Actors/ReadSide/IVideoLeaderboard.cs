namespace YouTubeAnalytics.Actors.ReadSide;

/// <summary>A video and the views it gained over a window, as the read side measured them.</summary>
public sealed record VideoMover(string VideoId, string? Title, long ViewCount, long ViewsGained);

/// <summary>The biggest movers, answered by the read side (in-memory or Redis) without asking every actor.</summary>
public interface IVideoLeaderboard
{
    /// <summary>The videos that gained the most views over <paramref name="window"/> (an hour or a day), most first.</summary>
    Task<IReadOnlyList<VideoMover>> TopMoversAsync(TimeSpan window, int count, CancellationToken cancellationToken);
}
