using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Tests.Persistence;

/// <summary>The settings the data path's speed rests on: passivation tied to the poll period, no pool reset per write.</summary>
public sealed class JournalTuningSpecs
{
    [Theory]
    [InlineData("00:02:00", "00:05:00", "00:15:00")] // the shipped defaults: 2 min would passivate between two polls
    [InlineData("01:00:00", "00:05:00", "01:00:00")] // longer than 3 polls: kept
    [InlineData("00:00:30", "00:00:05", "00:00:30")] // the demo's 5 s samples
    public void Should_never_passivate_sooner_than_three_poll_periods(string configured, string poll, string expected) =>
        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            VideoPassivation.IdleTimeout(TimeSpan.Parse(configured, System.Globalization.CultureInfo.InvariantCulture),
                TimeSpan.Parse(poll, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Should_turn_off_the_reset_on_close_unless_the_connection_string_names_it()
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(
            JournalHostingExtensions.WithoutResetOnClose("Host=127.0.0.1;Port=5432;Username=postgres;Database=yta"));
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("yta", tuned.Database);

        var kept = new Npgsql.NpgsqlConnectionStringBuilder(
            JournalHostingExtensions.WithoutResetOnClose("Host=127.0.0.1;Username=postgres;No Reset On Close=false"));
        Assert.False(kept.NoResetOnClose);
    }
}
