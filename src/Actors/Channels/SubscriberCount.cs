namespace YouTubeAnalytics.Actors.Channels;

/// <summary>
/// What a published subscriber count says about the true one. YouTube rounds it down to three significant figures
/// (4,218,337 is published as 4,210,000), so a published count C means the true count lies in [C, C + step − 1],
/// where step is the place value of the third significant digit (1 below 1,000: those counts are exact).
/// </summary>
public static class SubscriberCount
{
    public const int SignificantFigures = 3;

    /// <summary>The rounding step of a published count: 1 for 0..999, 10 for 1,000..9,990, 10,000 for 1.00M..9.99M.</summary>
    public static long Step(long published)
    {
        var step = 1L;
        for (var v = published; v >= 1_000; v /= 10)
            step *= 10;
        return step;
    }

    /// <summary>The highest true count a published count can stand for.</summary>
    public static long UpperBound(long published) => published + Step(published) - 1;
}
