namespace YouTubeAnalytics.Actors.ReadSide;

/// <summary>
/// The read side's part of History:Retention, asked by the retention sweep: drop every video whose latest figures are
/// older than <c>cutoff</c> (the reference clock minus the retention), from the lists and leaderboards too. Answers how
/// many were removed. Implemented by both read sides (src/Api/ReadSide).
/// </summary>
public interface IReadSideRetention
{
    Task<int> RemoveExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
