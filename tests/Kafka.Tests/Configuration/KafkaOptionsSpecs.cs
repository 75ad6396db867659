using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Kafka.Tests.Configuration;

public sealed class KafkaOptionsSpecs
{
    [Theory]
    [InlineData("Kafka:RawTopic", "raw topic!", "Kafka:RawTopic")]
    [InlineData("Kafka:GroupId", " ", "Kafka:GroupId")]
    [InlineData("Kafka:HeartbeatInterval", "00:01:00", "Kafka:HeartbeatInterval")]
    public void Should_refuse_a_bad_kafka_setting_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<KafkaOptions>(("Kafka:BootstrapServers", "kafka:9092"), (key, value)));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ignore_kafka_settings_in_embedded_mode()
    {
        var kafka = Resolve<KafkaOptions>(("Kafka:RawTopic", "raw topic!"));
        Assert.False(kafka.IsEnabled);
    }

    [Fact]
    public void Should_refuse_a_role_other_than_ingest_or_process()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<ClusterNodeOptions>(("Cluster:Roles:0", "poller")));
        Assert.Contains("Cluster:Roles", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_give_a_node_without_roles_both_roles()
    {
        Assert.Equal(["ingest", "process"], Resolve<ClusterNodeOptions>().EffectiveRoles.Select(NodeRoleNames.Of));
        Assert.Equal(["process"], Resolve<ClusterNodeOptions>(("Cluster:Roles:0", "process")).EffectiveRoles.Select(NodeRoleNames.Of));
    }

    private static T Resolve<T>(params (string Key, string Value)[] settings) where T : class
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAppOptions().BuildServiceProvider();
        return services.GetRequiredService<IOptions<T>>().Value;
    }
}
