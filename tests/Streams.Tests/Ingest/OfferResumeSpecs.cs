using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit.Xunit;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.Tests.Ingest;

/// <summary>
/// An offer made while the journal refuses writes: the video actor stops without answering (as a persistent actor
/// whose write failed does), so the offer waits out its timeout, then a backoff. When the journal probe reports that
/// writes are accepted again, the offer goes out at once instead of after those waits.
/// </summary>
public sealed class OfferResumeSpecs : TestKit
{
    private static readonly VideoStatsObserved Sample = new("videoResume1", "UCresume", "A video", "A channel",
        DateTimeOffset.UtcNow.AddDays(-1), 100, 5, 1, DateTimeOffset.UtcNow, SampleSources.YouTube);

    /// <summary>Never answers while the journal is "down"; answers SampleAccepted once it is "up".</summary>
    private sealed class JournalBoundShard : ReceiveActor
    {
        public JournalBoundShard(Func<bool> journalUp) => Receive<VideoCommands.RecordSample>(record =>
        {
            if (journalUp())
                Sender.Tell(new VideoCommands.SampleAccepted(record.Sample.VideoId, record.Sample.ObservedAt, null));
        });
    }

    [Fact]
    public async Task Should_offer_again_at_once_when_the_journal_accepts_writes_again()
    {
        var up = false;
        var signal = JournalWriteSignal.For(Sys);
        var shard = Sys.ActorOf(Props.Create(() => new JournalBoundShard(() => Volatile.Read(ref up))));
        signal.Refused(); // the probe saw a refused write

        // A 30 s ask timeout: without the signal the offer would answer no sooner than 30 s after the journal is back.
        var settings = IngestSettings.Default with { AskTimeout = TimeSpan.FromSeconds(30), MaxAttempts = 16 };
        var offer = IngestFlows.OfferAsync(shard, Sample, settings, TimeProvider.System, TestContext.Current.CancellationToken, signal);
        await Task.Yield();
        Assert.False(offer.IsCompleted);

        Volatile.Write(ref up, true);
        var clock = Stopwatch.StartNew();
        signal.Accepted(); // the probe's next write went through
        var answer = await offer.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.IsType<IngestOutcome.Accepted>(answer);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"answered {clock.Elapsed.TotalMilliseconds:0} ms after the journal was back");
        Assert.Equal(1, signal.Resumes);
    }

    [Fact]
    public void Should_signal_only_an_accepted_write_that_follows_a_refused_one()
    {
        var signal = JournalWriteSignal.For(Sys);
        var first = signal.NextResume;

        signal.Accepted(); // a routine write: no outage ended
        Assert.False(first.IsCompleted);

        signal.Refused();
        signal.Refused();
        signal.Accepted();
        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(signal.NextResume.IsCompleted); // the next outage waits for its own end
        Assert.Equal(1, signal.Resumes);
    }
}
