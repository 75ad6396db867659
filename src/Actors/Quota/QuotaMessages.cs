using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Quota;

public static class QuotaCommands
{
    /// <summary>Takes <paramref name="Units"/> from the bucket before a call is sent, if the bucket has them under <paramref name="Limit"/>.</summary>
    public sealed record Reserve(string Bucket, string Purpose, int Units, int Limit) : IProtocolMessage;

    /// <summary>The answer to Reserve, after the units are journaled: granted or not, and the day's ledger.</summary>
    public sealed record Reservation(bool Granted, QuotaLedger Ledger) : IProtocolMessage;

    /// <summary>YouTube said quotaExceeded for this bucket: blocked until the next Pacific midnight. Answered with the ledger.</summary>
    public sealed record Exhaust(string Bucket) : IProtocolMessage;
}

public static class QuotaQueries
{
    /// <summary>The day's ledger (<see cref="QuotaLedger"/>), as the one owner of the project's quota has it.</summary>
    public sealed record GetQuota : IProtocolMessage
    {
        public static readonly GetQuota Instance = new();
    }
}
