namespace YouTubeAnalytics.Api.Cluster;

/// <summary>One downing as this node saw it: the members marked Down in one round, and when the first of them was.</summary>
public sealed record DowningDecision(IReadOnlyList<string> Downed, DateTimeOffset At);

/// <summary>
/// The last downing this node saw since it started (a node's own history: a restarted node starts empty). The split
/// brain resolver downs a whole side in one round, so members downed within <see cref="DecisionWindow"/> of a
/// decision's first one belong to that decision; a later one starts the next decision.
/// </summary>
public sealed record DowningHistory(DowningDecision? Last)
{
    public static readonly TimeSpan DecisionWindow = TimeSpan.FromSeconds(1);

    public static DowningHistory Empty { get; } = new((DowningDecision?)null);

    public DowningHistory Downed(string address, DateTimeOffset at)
    {
        if (Last is not { } last || at - last.At > DecisionWindow)
            return new DowningHistory(new DowningDecision([address], at));
        return last.Downed.Contains(address, StringComparer.Ordinal)
            ? this
            : new DowningHistory(last with { Downed = [.. last.Downed, address] });
    }
}
