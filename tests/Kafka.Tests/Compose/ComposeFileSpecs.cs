using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Streams.Kafka;

namespace YouTubeAnalytics.Kafka.Tests.Compose;

/// <summary>
/// No Docker engine runs here, so docker-compose.yml is checked for what can go wrong without one: a variable the
/// host does not read, a value its validation refuses, a ${VAR} that .env.example does not declare, a missing topic.
/// </summary>
public sealed partial class ComposeFileSpecs
{
    private static readonly string Folder = AppContext.BaseDirectory;

    [Fact]
    public void Should_set_only_variables_the_host_reads_on_every_node()
    {
        var known = KnownKeys();
        var nodes = HostNodes();
        Assert.Equal(3, nodes.Count);
        foreach (var (node, environment) in nodes)
        {
            foreach (var variable in environment.Keys)
            {
                if (SeedEnvironmentVariables.Keys.ContainsKey(variable))
                    continue;
                var key = ArrayIndex().Replace(variable.Replace("__", ":", StringComparison.Ordinal), "");
                Assert.True(known.Contains(key), $"{node}: {variable} maps to {key}, which the host does not bind");
            }
        }
    }

    [Fact]
    public void Should_give_every_node_values_that_pass_the_hosts_validation()
    {
        var roles = new List<string>();
        foreach (var (node, environment) in HostNodes())
        {
            var standard = environment.Where(e => !SeedEnvironmentVariables.Keys.ContainsKey(e.Key))
                .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(standard)
                .AddSeedEnvironmentVariables(name => environment.GetValueOrDefault(name)).Build();
            using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAppOptions().BuildServiceProvider();

            var kafka = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
            Assert.True(kafka.IsEnabled, $"{node} must run in Kafka mode");
            Assert.Equal("kafka:9092", kafka.BootstrapServers);
            Assert.Equal(PersistenceOptions.PostgreSql, services.GetRequiredService<IOptions<PersistenceOptions>>().Value.Provider);
            Assert.Equal(5m, services.GetRequiredService<IOptions<AlertOptions>>().Value.ChangeThresholdPercent);
            Assert.Equal(TimeSpan.FromMinutes(5), services.GetRequiredService<IOptions<YouTubeOptions>>().Value.PollInterval);
            var cluster = services.GetRequiredService<IOptions<ClusterNodeOptions>>().Value;
            Assert.Equal(node, cluster.Hostname);
            roles.AddRange(cluster.EffectiveRoles.Select(NodeRoleNames.Of));
        }
        Assert.Contains(KafkaOptions.IngestRole, roles);
        Assert.Contains(KafkaOptions.ProcessRole, roles);
    }

    [Fact]
    public void Should_declare_in_env_example_every_variable_the_compose_file_substitutes()
    {
        var declared = File.ReadAllLines(Path.Combine(Folder, ".env.example"))
            .Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#'))
            .Select(l => l[..l.IndexOf('=')]).ToHashSet();
        var substituted = Substitution().Matches(File.ReadAllText(Path.Combine(Folder, "docker-compose.yml")))
            .Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(declared, substituted);
        Assert.Subset(declared, SeedEnvironmentVariables.Keys.Keys.ToHashSet());
    }

    [Fact]
    public void Should_create_the_topics_the_nodes_use()
    {
        var compose = File.ReadAllText(Path.Combine(Folder, "docker-compose.yml"));
        var topics = Regex.Match(compose, @"for topic in ([^;]+);").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([KafkaSettings.DefaultRawTopic, KafkaSettings.DefaultProcessedTopic, KafkaSettings.DefaultDeadLetterTopic], topics);
        foreach (var (_, environment) in HostNodes())
            Assert.Subset(topics.ToHashSet(), new[] { "Kafka__RawTopic", "Kafka__ProcessedTopic", "Kafka__DeadLetterTopic" }
                .Select(v => environment[v]).ToHashSet());
    }

    [Fact]
    public void Should_list_every_node_as_a_seed_in_the_same_order_on_every_node()
    {
        var nodes = HostNodes();
        var expected = nodes.Keys.Order(StringComparer.Ordinal)
            .Select(n => $"akka.tcp://youtube-analytics@{n}:{nodes[n]["Cluster__Port"]}").ToArray();
        foreach (var (node, environment) in nodes)
        {
            var seeds = environment.Where(e => e.Key.StartsWith("Cluster__SeedNodes__", StringComparison.Ordinal))
                .OrderBy(e => int.Parse(e.Key["Cluster__SeedNodes__".Length..], System.Globalization.CultureInfo.InvariantCulture))
                .Select(e => e.Value).ToArray();
            Assert.Equal(expected, seeds);
        }
    }

    [Fact]
    public void Should_keep_singletons_off_a_downed_member_for_at_least_stable_after()
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString(
            YouTubeAnalytics.Host.Composition.YouTubeAnalyticsComposition.SplitBrainResolverHocon(TimeSpan.FromSeconds(7)));
        var stableAfter = config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after");
        Assert.Equal(TimeSpan.FromSeconds(7), stableAfter);
        Assert.True(config.GetTimeSpan("akka.cluster.down-removal-margin") >= stableAfter);
        Assert.True(config.GetBoolean("akka.cluster.run-coordinated-shutdown-when-down"));
    }

    /// <summary>The services built from the Dockerfile, with their environment (merge keys applied, ${VAR:-x} as x).</summary>
    private static Dictionary<string, Dictionary<string, string>> HostNodes()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, "docker-compose.yml")))
            yaml.Load(reader);
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var nodes = new Dictionary<string, Dictionary<string, string>>();
        foreach (var (name, definition) in services.Children)
        {
            var service = Merged((YamlMappingNode)definition);
            if (!service.ContainsKey("build"))
                continue;
            nodes[((YamlScalarNode)name).Value!] = Merged((YamlMappingNode)service["environment"])
                .ToDictionary(e => e.Key, e => Substitution().Replace(((YamlScalarNode)e.Value).Value ?? "", m => m.Groups[2].Value));
        }
        return nodes;
    }

    private static Dictionary<string, YamlNode> Merged(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, YamlNode>();
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<")
                foreach (var (k, v) in Merged((YamlMappingNode)value))
                    result.TryAdd(k, v);
            else
                result[name] = value;
        }
        return result;
    }

    /// <summary>Every key of the host's appsettings.json, which lists each key the host binds with its default.</summary>
    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "host-appsettings.json")));
        Walk(json.RootElement, "");
        return keys;

        void Walk(JsonElement element, string prefix)
        {
            if (prefix.Length > 0)
                keys.Add(prefix);
            if (element.ValueKind == JsonValueKind.Object)
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
        }
    }

    [GeneratedRegex(@":\d+$")]
    private static partial Regex ArrayIndex();

    [GeneratedRegex(@"\$\{([A-Z_]+):-([^}]*)\}")]
    private static partial Regex Substitution();
}
