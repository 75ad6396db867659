using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Api.Videos;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Videos;

/// <summary>
/// /history on a video with 30,000 samples (one a minute, about 21 days) in its journal: the last hour reads only
/// its range, reads past History:MaxConcurrentReads get a 429 with Retry-After, and a client that hangs up stops the
/// journal read itself.
/// </summary>
public sealed class HistoryRangeSpecs() : ApiSpec(new Dictionary<string, string?> { ["History:MaxConcurrentReads"] = "2" })
{
    private const string Category = "hostile answers and failure paths";
    private const string Id = "historyVid1";
    private const int Points = 30_000;
    private static readonly DateTimeOffset Last = DateTimeOffset.UtcNow.AddMinutes(-1);

    [Fact]
    public async Task Should_read_only_the_requested_range_cap_concurrent_reads_and_stop_when_the_client_hangs_up()
    {
        await SeedAsync();
        var gate = Factory.Services.GetRequiredService<HistoryReadGate>();
        var lastHour = $"/videos/{Id}/history?from={Iso(Last.AddHours(-1))}";
        var (status, warm, _) = await Get(lastHour); // wakes the video: its recovery builds the time index
        Assert.Equal(200, status);
        Assert.Equal(61, warm.GetProperty("points").GetArrayLength());

        var before = gate.EventsRead;
        var hour = await Median(lastHour);
        var readForHour = (gate.EventsRead - before) / 5;
        Assert.InRange(readForHour, 61, 61 + 2 * 60); // the hour and at most the hour its mark starts in, not 30,000
        Assert.True(hour < TimeSpan.FromMilliseconds(500), $"the last hour took {hour.TotalMilliseconds:0} ms");

        var twentyThousand = $"/videos/{Id}/history?from={Iso(Last.AddMinutes(-19_999))}";
        var (_, big, _) = await Get(twentyThousand);
        Assert.Equal(20_000, big.GetProperty("points").GetArrayLength());
        var many = await Median(twentyThousand);

        // Twelve at once against a cap of two: the rest are refused at once, none waits or fails.
        var all = $"/videos/{Id}/history";
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await Client.GetAsync(all, Cancel);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta);
        }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, a.StatusCode.ToString()));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests), a => Assert.Equal(TimeSpan.FromSeconds(1), a.RetryAfter));

        // A hung-up request: its journal read stops (the count stands still) well before the 30,000 events.
        var start = gate.EventsRead;
        using (var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetAsync(all, hangUp.Token));
        await Eventually.Holds(() => Assert.Equal(0, gate.Gate.InFlight), TimeSpan.FromSeconds(10), Cancel);
        var stoppedAt = gate.EventsRead;
        await Task.Delay(TimeSpan.FromMilliseconds(500), Cancel); // a stopped read does not move the count any more
        Assert.Equal(stoppedAt, gate.EventsRead);
        Assert.True(stoppedAt - start < Points, $"the hung-up read went on to {stoppedAt - start} events");

        var figure = $"FIGURE /history on {Points:N0} points: last hour {hour.TotalMilliseconds:0.0} ms ({readForHour} events read), " +
            $"20,000 points {many.TotalMilliseconds:0} ms; 12 concurrent past a cap of 2: {answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests)} × 429; " +
            $"hung up after 50 ms: {stoppedAt - start} events read";
        Console.WriteLine(figure);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "yta-figures.txt"), figure + "\n");
        ReliabilityFigures.Record(Category, "/history past History:MaxConcurrentReads (429, never a 5xx)", answers.Length,
            answers.Length, 0, 0);
        ReliabilityFigures.Record(Category, "/history request hung up mid-read (journal read stopped)", 1, 1, 0, 0);
    }

    private async Task<TimeSpan> Median(string url)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await Client.GetAsync(url, Cancel);
            await response.Content.ReadAsByteArrayAsync(Cancel);
            times.Add(clock.Elapsed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return times.Order().ElementAt(2);
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));

    /// <summary>Writes the samples into the video's journal in batches, before its actor ever starts.</summary>
    private async Task SeedAsync()
    {
        var writer = Factory.ActorSystem.ActorOf(Props.Create(() => new SeedWriter(VideoActor.PersistenceIdFor(Id))));
        for (var batch = 0; batch < Points; batch += 1_000)
        {
            var samples = Enumerable.Range(batch, 1_000).Select(i => new VideoEvents.SampleRecorded(new VideoStatsObserved(
                Id, "UChistory", "History", "A channel", Last.AddDays(-40), 1_000 + i, null, null,
                Last.AddMinutes(i - (Points - 1)), SampleSources.YouTube))).ToList();
            await writer.Ask<Done>(samples, TimeSpan.FromSeconds(60), Cancel);
        }
        await writer.GracefulStop(TimeSpan.FromSeconds(10));
    }

    private sealed record Done;

    private sealed class SeedWriter : ReceivePersistentActor
    {
        public SeedWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<List<VideoEvents.SampleRecorded>>(events =>
            {
                var sender = Sender;
                PersistAll(events, _ => { });
                DeferAsync(new Done(), d => sender.Tell(d));
            });
        }

        public override string PersistenceId { get; }
    }
}
