using YouTubeAnalytics.Host.Clustering;

namespace YouTubeAnalytics.EndToEnd.Tests;

public sealed class FrozenNodeSpecs
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void Should_bound_a_freeze_by_stable_after_plus_down_removal_margin() =>
        Assert.Equal(TimeSpan.FromSeconds(40), FrozenNode.Bound(TimeSpan.FromSeconds(20)));

    [Fact]
    public void Should_never_bound_a_freeze_below_30_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), FrozenNode.Bound(TimeSpan.FromSeconds(3)));

    [Theory]
    [InlineData(250, false)]     // on time
    [InlineData(6_550, false)]   // a thread starved on a loaded machine (seen in the suite): a healthy node
    [InlineData(30_250, false)]  // exactly the bound: not past it
    [InlineData(30_251, true)]
    [InlineData(34_000, true)]   // the partition spec's freeze
    public void Should_call_a_node_frozen_only_past_the_bound(int sleptMilliseconds, bool frozen) =>
        Assert.Equal(frozen, FrozenNode.WasFrozen(Tick, TimeSpan.FromMilliseconds(sleptMilliseconds), FrozenNode.Bound(TimeSpan.FromSeconds(3))));
}

public sealed class StaleTransactionTimeoutSpecs
{
    [Fact]
    public void Should_end_a_frozen_nodes_open_transaction_after_down_unreachable_after()
    {
        var fenced = new Npgsql.NpgsqlConnectionStringBuilder(
            Host.Persistence.JournalSetup.WithStaleTransactionTimeout("Host=db;Username=yta;Password=fake-password", TimeSpan.FromSeconds(20)));

        Assert.Equal("-c idle_in_transaction_session_timeout=20000", fenced.Options);
        Assert.Equal("fake-password", fenced.Password);
    }

    [Fact]
    public void Should_keep_options_of_the_users_own()
    {
        const string own = "Host=db;Options=-c search_path=yta -c idle_in_transaction_session_timeout=1000";

        var withSearchPath = new Npgsql.NpgsqlConnectionStringBuilder(
            Host.Persistence.JournalSetup.WithStaleTransactionTimeout("Host=db;Options=-c search_path=yta", TimeSpan.FromSeconds(3)));

        Assert.Equal(own, Host.Persistence.JournalSetup.WithStaleTransactionTimeout(own, TimeSpan.FromSeconds(3)));
        Assert.Equal("-c search_path=yta -c idle_in_transaction_session_timeout=3000", withSearchPath.Options);
    }
}
