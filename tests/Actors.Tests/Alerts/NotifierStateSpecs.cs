using YouTubeAnalytics.Actors.Alerts;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Alerts;

/// <summary>Per-recipient progress in the notifier's state, keyed by alertId (pure, no actor system).</summary>
public sealed class NotifierStateSpecs
{
    private const string Good = "telegram:111";
    private const string Parked = "telegram:-222";

    private static NotifierState Delivered(NotifierState state, string id, long ordering) =>
        state.Apply(new NotifierEvents.AlertDelivered(id, ordering, T0));

    [Fact]
    public void Should_resume_before_the_oldest_alert_still_owed_to_a_recipient()
    {
        var state = NotifierState.Empty;
        state = state.Apply(new NotifierEvents.AlertReceived("a", Good, T0)).Apply(new NotifierEvents.AlertOwed("a", 10, Parked, T0));
        state = Delivered(state, "a", 10);
        state = state.Apply(new NotifierEvents.AlertReceived("b", Good, T0)).Apply(new NotifierEvents.AlertOwed("b", 17, Parked, T0));
        state = Delivered(state, "b", 17);
        state = Delivered(state.Apply(new NotifierEvents.AlertReceived("c", Good, T0)).Apply(new NotifierEvents.AlertReceived("c", Parked, T0)), "c", 25);

        Assert.Equal(25, state.Offset);
        Assert.Equal(9, state.ResumeAfter);
        Assert.True(state.IsOwed("a"));
        Assert.True(state.Needs(Parked, "a", 10));
        Assert.False(state.Needs(Good, "a", 10));   // received, and settled
        Assert.False(state.Needs(Parked, "c", 25)); // received
        Assert.False(state.Needs("telegram:333", "b", 17)); // settled and owed to another chat only

        state = state.Apply(new NotifierEvents.AlertReceived("a", Parked, T0));
        Assert.Equal(16, state.ResumeAfter);
        Assert.False(state.Needs(Parked, "a", 10));
        state = state.Apply(new NotifierEvents.AlertReceived("b", Parked, T0));
        Assert.Equal(25, state.ResumeAfter);
        Assert.Empty(state.OwedCounts());
    }

    [Fact]
    public void Should_keep_what_a_recipient_received_while_its_batch_is_in_flight()
    {
        var state = NotifierState.Empty.Apply(new NotifierEvents.AlertReceived("x", Good, T0));

        Assert.False(state.Needs(Good, "x", 5));  // the good chat got it before a crash: not sent again
        Assert.True(state.Needs(Parked, "x", 5)); // the other chat still needs it
        Assert.False(state.IsSettled("x", 5));
    }

    [Fact]
    public void Should_not_owe_a_recipient_what_it_already_received()
    {
        var state = NotifierState.Empty.Apply(new NotifierEvents.AlertReceived("x", Good, T0)).Apply(new NotifierEvents.AlertOwed("x", 5, Good, T0));

        Assert.False(state.IsOwed("x"));
    }

    [Fact]
    public void Should_remember_where_a_recipient_moved_and_keep_its_progress()
    {
        var state = NotifierState.Empty.Apply(new NotifierEvents.AlertOwed("x", 5, Parked, T0))
            .Apply(new NotifierEvents.RecipientMoved(Parked, "-1001", T0));

        Assert.Equal("-1001", state.MovedTo(Parked));
        Assert.Null(state.MovedTo(Good));
        Assert.True(state.IsOwed("x"));
        Assert.Equal("-1001", state.Apply(new NotifierEvents.AlertReceived("x", Parked, T0)).MovedTo(Parked));
    }
}
