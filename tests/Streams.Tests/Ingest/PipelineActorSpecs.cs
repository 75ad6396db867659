using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Resilience;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Streams.Ingest;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Streams.Tests.Ingest;

public sealed class PipelineActorSpecs : TestKit
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly BackoffPolicy QuickRestart = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task Should_count_every_outcome_dead_letters_included()
    {
        IngestOutcome[] outcomes =
        [
            new IngestOutcome.Accepted("v1", At, AlertId: "v1-alert"),
            new IngestOutcome.Accepted("v2", At.AddSeconds(5), AlertId: null),
            new IngestOutcome.Ignored("v1", At, "duplicate"),
            new IngestOutcome.Published("v3", At.AddSeconds(1)),
            new IngestOutcome.DeadLettered("not JSON"),
            new IngestOutcome.DeadLettered("no videoId"),
        ];
        var pipeline = Sys.ActorOf(PipelineActor.PropsFor(
            new PipelineDefinition("test", _ => Source.From(outcomes).Concat(Source.Never<IngestOutcome>())), QuickRestart));

        await Eventually.Holds(async () =>
        {
            var status = await pipeline.Ask<IngestStatus>(GetIngestStatus.Instance, TimeSpan.FromSeconds(3));
            Assert.Equal(new IngestStatus("test", Accepted: 2, Ignored: 1, Alerts: 1, Published: 1, DeadLettered: 2,
                LastSampleAt: At.AddSeconds(1)), status);
        }, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Should_restart_a_failed_stream_and_keep_counting()
    {
        var opened = 0;
        var pipeline = Sys.ActorOf(PipelineActor.PropsFor(new PipelineDefinition("test", _ =>
            Interlocked.Increment(ref opened) == 1
                ? Source.Single<IngestOutcome>(new IngestOutcome.Accepted("v1", At, null))
                    .Concat(Source.Failed<IngestOutcome>(new InvalidOperationException("journal down")))
                : Source.Single<IngestOutcome>(new IngestOutcome.Accepted("v2", At, null)).Concat(Source.Never<IngestOutcome>())),
            QuickRestart));

        await Eventually.Holds(async () =>
        {
            var status = await pipeline.Ask<IngestStatus>(GetIngestStatus.Instance, TimeSpan.FromSeconds(3));
            Assert.Equal(2, status.Accepted);
        }, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(2, Volatile.Read(ref opened));
    }

    [Fact]
    public async Task Should_cancel_the_pipelines_token_when_it_stops()
    {
        var given = new TaskCompletionSource<CancellationToken>();
        var pipeline = Sys.ActorOf(PipelineActor.PropsFor(new PipelineDefinition("test", token =>
        {
            given.TrySetResult(token);
            return Source.Never<IngestOutcome>();
        }), QuickRestart));
        var token = await given.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(token.IsCancellationRequested);

        Watch(pipeline);
        Sys.Stop(pipeline);
        ExpectTerminated(pipeline, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task Should_wait_the_settings_offer_backoff_between_unanswered_offers_on_the_flow_s_clock()
    {
        var time = new FakeTimeProvider(At);
        var region = CreateTestProbe();
        var settings = IngestSettings.Default with
        {
            AskTimeout = TimeSpan.FromMilliseconds(200),
            MaxAttempts = 3,
            OfferRetry = new BackoffPolicy(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)),
        };
        var sample = new VideoStatsObserved("v1", null, null, null, null, 100, 1, 0, At, SampleSources.Demo);

        var offer = Source.Single(sample)
            .Via(IngestFlows.ToVideoShards(region.Ref, settings, time, TestContext.Current.CancellationToken))
            .RunWith(Sink.First<IngestOutcome>(), Sys.Materializer());
        region.ExpectMsg<VideoCommands.RecordSample>(cancellationToken: TestContext.Current.CancellationToken); // left unanswered: the ask times out after 200 ms
        // The settings' minute of (fake) backoff, not a fixed 250 ms of real time: no second offer meanwhile.
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(800), TestContext.Current.CancellationToken);

        await Eventually.Holds(() =>
        {
            time.Advance(TimeSpan.FromMinutes(1));
            region.ExpectMsg<VideoCommands.RecordSample>(TimeSpan.FromMilliseconds(200), cancellationToken: TestContext.Current.CancellationToken);
        }, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        region.Reply(new VideoCommands.SampleAccepted("v1", At, null));

        Assert.Equal(new IngestOutcome.Accepted("v1", At, null), await offer.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }
}
