using YouTubeAnalytics.Actors.ReadSide;

namespace YouTubeAnalytics.Api.ReadSide;

public enum VideoSort
{
    Views,
    Recent,
    Alerts,
}

public sealed record VideoPage(IReadOnlyList<VideoSummary> Items, int Page, int PageSize, int Total);

/// <summary>What API nodes read list queries from, without asking every actor.</summary>
public interface ILatestStatsReader
{
    VideoPage List(int page, int pageSize, VideoSort sort);

    VideoSummary? Find(string videoId);
}
