using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>
/// Checks a playlist or channel with one call (1 unit from the project's <see cref="QuotaBudget"/>, counted as target-check): the playlist's first
/// page, or the channel's contentDetails. A video is not checked here: polling marks a missing one unavailable.
/// </summary>
public sealed class YouTubeTargetCheck(YouTubeClient client) : IWatchTargetCheck
{
    public async Task<WatchTargetExistence> CheckAsync(WatchTarget target, CancellationToken cancellationToken)
    {
        try
        {
            switch (target.Kind)
            {
                case WatchKind.Playlist:
                    await client.ListPlaylistItemsAsync(target.Id, null, cancellationToken, Actors.Quota.QuotaPurposes.TargetCheck); // a missing one answers 404
                    return WatchTargetExistence.Exists;
                case WatchKind.Channel:
                    return await client.GetUploadsPlaylistAsync(target.Id, cancellationToken, Actors.Quota.QuotaPurposes.TargetCheck) is null
                        ? WatchTargetExistence.Missing(NoSuchChannel)
                        : WatchTargetExistence.Exists;
                default:
                    return WatchTargetExistence.Exists;
            }
        }
        catch (YouTubeApiException e) when (IsTargetFailure(e))
        {
            return WatchTargetExistence.Missing(ReasonOf(e));
        }
        catch (YouTubeApiException e)
        {
            return WatchTargetExistence.Unknown(e.Message);
        }
    }

    /// <summary>What channels.list answers for a channel it does not know: no item.</summary>
    public const string NoSuchChannel = "channelNotFound (channels.list has no such channel)";

    /// <summary>A failure of this one collection (missing, private, unreadable, YouTube down for it), not of the key or the quota.</summary>
    internal static bool IsTargetFailure(YouTubeApiException e) => e.Failure switch
    {
        YouTubeFailure.Request => true,
        YouTubeFailure.AccessDenied => e.Reason is "forbidden",
        _ => false,
    };

    /// <summary>YouTube's reason and status as a target's health shows them.</summary>
    internal static string ReasonOf(YouTubeApiException e) => e.Reason is { } reason ? $"{reason} (HTTP {e.Status})" : e.Message;
}
