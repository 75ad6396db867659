using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Kafka.Tests.Support;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Kafka.Tests;

public sealed class SqliteKafkaPipelineSpecs(ITestOutputHelper output) : KafkaPipelineSpecs("Sqlite", output);

public sealed class PostgresKafkaPipelineSpecs(ITestOutputHelper output) : KafkaPipelineSpecs("PostgreSql", output);

/// <summary>
/// The real host in Kafka mode against the mock cluster: raw topic → shards → journal (SQLite and PostgreSQL), dead
/// letters, commits.
/// </summary>
public abstract class KafkaPipelineSpecs(string provider, ITestOutputHelper output) : IDisposable
{
    private readonly MockKafkaCluster _kafka = new();
    private readonly TestJournal _journal = TestJournal.Create(provider);

    [Fact]
    public async Task Should_persist_every_valid_record_once_dead_letter_every_malformed_one_and_commit_to_the_end()
    {
        var ct = TestContext.Current.CancellationToken;
        var records = RawRecords.Generate(total: 10_000, videos: 100, DateTimeOffset.UtcNow.AddHours(-1));
        var valid = records.Count(r => r.Valid);
        using (var producer = _kafka.NewProducer())
            await RawRecords.ProduceAsync(producer, RawRecords.RawTopic, records);

        await using var host = new AppFactory(_journal, new RecordingAlertSink(), new ChannelVideoStatsSource(), _kafka.HostSettings());
        var started = Stopwatch.StartNew();
        _ = host.Services;
        var firstPersisted = await FirstPersistedAsync(ct);
        var countAtFirst = _journal.SamplesPersisted();
        await Eventually.Holds(() => Assert.Equal(valid, _journal.SamplesPersisted()), TimeSpan.FromMinutes(2), ct);
        var seconds = started.Elapsed.TotalSeconds - firstPersisted.TotalSeconds;
        output.WriteLine($"FIGURE raw topic -> persisted state ({provider}): {valid - countAtFirst} records in {seconds:F1} s = " +
                         $"{(valid - countAtFirst) / seconds:F0} records/s (after the group join, which took {firstPersisted.TotalSeconds:F1} s)");

        await Eventually.Holds(() =>
        {
            foreach (var (partition, committed, end) in _kafka.CommittedVersusEnd(RawRecords.RawTopic, KafkaSettings.DefaultGroupId))
                Assert.True(committed == end, $"partition {partition}: committed {committed}, end {end}");
        }, TimeSpan.FromSeconds(30), ct);
        Assert.Equal(valid, _journal.SamplesPersisted());
        Assert.Equal(records.Where(r => r.Valid).Select(r => RawRecords.Text(r.Key)).Distinct().Count(),
            _journal.Scalar("select count(distinct persistence_id) from journal where persistence_id like 'video-%'"));

        var deadLetters = _kafka.ReadAll(KafkaSettings.DefaultDeadLetterTopic);
        var malformed = records.Where(r => !r.Valid).ToList();
        Assert.Equal(malformed.Count, deadLetters.Count);
        Assert.Equal(malformed.Select(r => RawRecords.Text(r.Key) + "|" + RawRecords.Text(r.Value)).Order(),
            deadLetters.Select(d => RawRecords.Text(d.Message.Key) + "|" + RawRecords.Text(d.Message.Value)).Order());
        var raw = _kafka.ReadAll(RawRecords.RawTopic).ToDictionary(r => (r.Partition.Value, r.Offset.Value));
        foreach (var letter in deadLetters)
        {
            Assert.Equal(RawRecords.RawTopic, RawRecords.Header(letter, DeadLetters.SourceTopicHeader));
            var source = raw[(int.Parse(RawRecords.Header(letter, DeadLetters.SourcePartitionHeader)),
                long.Parse(RawRecords.Header(letter, DeadLetters.SourceOffsetHeader)))];
            Assert.Equal(source.Message.Value, letter.Message.Value);
            Assert.NotEmpty(RawRecords.Header(letter, DeadLetters.ErrorHeader));
        }
        Assert.Contains(deadLetters, d => RawRecords.Header(d, DeadLetters.ErrorHeader).StartsWith("not valid JSON", StringComparison.Ordinal));
        Assert.Contains(deadLetters, d => RawRecords.Header(d, DeadLetters.ErrorHeader).StartsWith("unknown schema version 2", StringComparison.Ordinal));
        Assert.Contains(deadLetters, d => RawRecords.Header(d, DeadLetters.ErrorHeader) == "field 'viewCount' must not be negative");
        Assert.Contains(deadLetters, d => RawRecords.Header(d, DeadLetters.ErrorHeader).Contains("is not the record's videoId", StringComparison.Ordinal));
    }

    private async Task<TimeSpan> FirstPersistedAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await Eventually.Holds(() => Assert.True(_journal.SamplesPersisted() > 0), TimeSpan.FromSeconds(60), ct);
        return watch.Elapsed;
    }

    public void Dispose()
    {
        _journal.Dispose();
        _kafka.Dispose();
    }
}
