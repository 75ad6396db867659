using System.Collections.Immutable;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Actors.Tests.Support;

namespace YouTubeAnalytics.Actors.Tests.Bot;

public sealed class BotStateSpecs
{
    private const long Chat = 555;
    private const long OtherChat = -100200;
    private static readonly DateTimeOffset T0 = Samples.T0;

    private static Alert AlertOf(string videoId, params Breach[] breaches) =>
        new("a1", videoId, "t", null, T0, 1000, null, null, [.. breaches]);

    private static Breach Change(decimal pct) => new("change:views:5%", Metric.Views, 100, 100 + (long)pct, (long)pct, pct, TimeSpan.FromHours(1));

    private static Breach Milestone => new("milestone:views:1000", Metric.Views, 990, 1010, 20, null, TimeSpan.FromHours(1), 1000);

    [Fact]
    public void Should_resume_after_the_last_update_handled()
    {
        var state = BotState.Empty.Apply(new BotEvents.UpdateHandled(7, T0)).Apply(new BotEvents.UpdateHandled(9, T0));

        Assert.Equal(10, state.NextOffset);
        Assert.True(state.WasHandled(9));
        Assert.False(state.WasHandled(10));
    }

    [Fact]
    public void Should_mute_a_video_in_one_chat_until_the_time_given()
    {
        var state = BotState.Empty.Apply(new BotEvents.VideoMuted(1, Chat, Samples.Id, T0.AddHours(6), T0));
        var alert = AlertOf(Samples.Id, Change(20));

        Assert.False(state.Preferences.Wants(Chat, alert, T0.AddHours(5)));
        Assert.True(state.Preferences.Wants(OtherChat, alert, T0.AddHours(5)));
        Assert.True(state.Preferences.Wants(Chat, alert, T0.AddHours(6)));
        Assert.True(state.Preferences.Wants(Chat, AlertOf("otherVideo1", Change(20)), T0.AddHours(1)));
    }

    [Fact]
    public void Should_unmute_and_forget_expired_mutes()
    {
        var state = BotState.Empty
            .Apply(new BotEvents.VideoMuted(1, Chat, "expiringOne", T0.AddMinutes(30), T0))
            .Apply(new BotEvents.VideoMuted(2, Chat, Samples.Id, T0.AddDays(1), T0))
            .Apply(new BotEvents.VideoMuted(3, Chat, Samples.Id, null, T0.AddHours(1)));

        Assert.Empty(state.Preferences.For(Chat).MutedUntil);
        Assert.True(state.Preferences.Wants(Chat, AlertOf(Samples.Id, Change(20)), T0.AddHours(1)));
    }

    [Fact]
    public void Should_hold_back_changes_under_a_chats_threshold_but_never_milestones()
    {
        var state = BotState.Empty.Apply(new BotEvents.ThresholdSet(1, Chat, 15m, T0));

        Assert.False(state.Preferences.Wants(Chat, AlertOf(Samples.Id, Change(10)), T0));
        Assert.True(state.Preferences.Wants(Chat, AlertOf(Samples.Id, Change(15)), T0));
        Assert.True(state.Preferences.Wants(Chat, AlertOf(Samples.Id, Milestone), T0));
        Assert.True(state.Preferences.Wants(Chat, AlertOf(Samples.Id, Change(10), Milestone), T0));
        Assert.True(state.Preferences.Wants(OtherChat, AlertOf(Samples.Id, Change(10)), T0));

        var reset = state.Apply(new BotEvents.ThresholdSet(2, Chat, null, T0));
        Assert.True(reset.Preferences.Wants(Chat, AlertOf(Samples.Id, Change(10)), T0));
    }

    [Fact]
    public void Should_publish_preferences_to_the_sink_and_say_when_they_are_loaded()
    {
        var registry = new ChatPreferencesRegistry();
        Assert.False(registry.WhenLoaded.IsCompleted);

        registry.Publish(BotState.Empty.Apply(new BotEvents.ThresholdSet(1, Chat, 50m, T0)).Preferences);

        Assert.True(registry.WhenLoaded.IsCompletedSuccessfully);
        Assert.False(registry.Wants(Chat, AlertOf(Samples.Id, Change(20)), T0));
        Assert.Equal(ImmutableArray.Create(Chat), [.. registry.Current.Chats.Keys]);
    }
}
