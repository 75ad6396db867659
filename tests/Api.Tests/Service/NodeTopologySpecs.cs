using YouTubeAnalytics.Host.Composition;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Api.Tests.Service;

/// <summary>What runs on a node, for each shape of options: the one table the composition root follows.</summary>
public sealed class NodeTopologySpecs
{
    private const string Token = "fake-telegram-token";

    public static TheoryData<string, string, string, string, string, bool, string, string> Cases => new()
    {
        // name, kafka, roles, youtube key, telegram (none|alerts|bot) -> delivery@role, videos@role, consumer, sinks, singletons
        { "embedded demo, log", "", "", "", "none", false, "VideoShards@ Region@ | Log", "watchlist,ingest,alert-notifier,daily-summary,retention-sweep" },
        { "embedded youtube, telegram bot", "", "", "fake-youtube-key", "bot", false, "VideoShards@ Region@ | Telegram", "watchlist,ingest,alert-notifier,daily-summary,retention-sweep,telegram-bot" },
        { "embedded, telegram without commands", "", "", "", "alerts", false, "VideoShards@ Region@ | Telegram", "watchlist,ingest,alert-notifier,daily-summary,retention-sweep" },
        { "kafka, no roles: both", "kafka:9092", "", "", "none", true, "RawTopic@ingest Region@process | ProcessedTopic,Log", "watchlist,ingest,alert-notifier,daily-summary,retention-sweep" },
        { "kafka, ingest only", "kafka:9092", "ingest", "", "none", false, "RawTopic@ingest Proxy@process | ProcessedTopic,Log", "watchlist,ingest,alert-notifier,daily-summary,retention-sweep" },
        { "kafka, process only, bot", "kafka:9092", "process", "", "bot", true, "RawTopic@ingest Region@process | ProcessedTopic,Telegram", "watchlist,ingest,alert-notifier,daily-summary,retention-sweep,telegram-bot" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_say_what_runs_on_the_node(
        string name, string bootstrap, string roles, string youtubeKey, string telegram, bool consumer, string placement, string singletons)
    {
        var topology = NodeTopology.From(
            new KafkaOptions { BootstrapServers = bootstrap },
            new ClusterNodeOptions { Roles = roles.Length == 0 ? [] : roles.Split(',') },
            new YouTubeOptions { ApiKey = youtubeKey.Length == 0 ? null : youtubeKey },
            telegram switch
            {
                "bot" => new TelegramOptions { BotToken = Token, ChatId = "42" },
                "alerts" => new TelegramOptions { BotToken = Token, ChatId = "42", Commands = false },
                _ => new TelegramOptions(),
            });

        Assert.Equal(consumer, topology.Consumer);
        Assert.Equal(placement,
            $"{topology.Delivery}@{topology.IngestRole} {topology.Videos}@{topology.VideoRole} | {string.Join(",", topology.SinkChain)}");
        Assert.Equal(singletons, string.Join(",", topology.Singletons));
        Assert.Equal(youtubeKey.Length > 0 ? SampleSourceKind.YouTube : SampleSourceKind.Demo, topology.Source);
        Assert.Equal(bootstrap.Length > 0 ? "kafka" : "embedded", topology.ModeName);
        Assert.True(topology.JoinsItself, name);
    }

    [Fact]
    public void Should_give_a_kafka_node_without_roles_both_roles_and_an_embedded_node_the_roles_it_was_given()
    {
        Assert.Equal(["ingest", "process"], NodeTopology.From(new KafkaOptions { BootstrapServers = "kafka:9092" },
            new ClusterNodeOptions(), new YouTubeOptions(), new TelegramOptions()).Roles);
        Assert.Empty(NodeTopology.From(new KafkaOptions(), new ClusterNodeOptions(), new YouTubeOptions(), new TelegramOptions()).Roles);
    }

    [Fact]
    public void Should_join_seed_nodes_instead_of_itself_when_they_are_given()
    {
        var topology = NodeTopology.From(new KafkaOptions(),
            new ClusterNodeOptions { SeedNodes = ["akka.tcp://youtube-analytics@seed:4053"] }, new YouTubeOptions(), new TelegramOptions());
        Assert.False(topology.JoinsItself);
    }
}
