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

    [Fact]
    public void Should_hold_a_pushed_alert_delivered_without_moving_the_offset_until_the_tag_query_locates_it()
    {
        var state = Delivered(Delivered(NotifierState.Empty, "a", 10), "p", NotifierState.Unlocated); // "p" was pushed

        Assert.Equal(10, state.Offset);
        Assert.False(state.ShouldDeliverPushed("p")); // pushed again: not delivered again
        Assert.True(state.ShouldDeliverPushed("q"));
        Assert.False(state.ShouldDeliver("p", 12)); // read by the query: delivered already
        Assert.True(state.ShouldDeliver("q", 13));

        var located = state.Located([("a", 10), ("p", 12), ("p", 12), ("q", 13)], T0);

        var only = Assert.Single(located); // "a" is behind the offset, "q" was never delivered
        Assert.Equal(new NotifierEvents.AlertLocated("p", 12, T0), only);
        state = state.Apply(only);
        Assert.Equal(12, state.Offset);
        Assert.Equal(2, state.DeliveredCount);
        Assert.Empty(state.Located([("p", 12)], T0)); // located once
    }

    [Fact]
    public void Should_resume_from_the_offset_for_a_pushed_alert_owed_before_it_was_located_and_from_it_after()
    {
        var state = Delivered(NotifierState.Empty, "a", 10);
        state = state.Apply(new NotifierEvents.AlertReceived("p", Good, T0))
            .Apply(new NotifierEvents.AlertOwed("p", NotifierState.Unlocated, Parked, T0));
        state = Delivered(state, "p", NotifierState.Unlocated);

        Assert.Equal(10, state.ResumeAfter); // not from the start: the query has not passed the pushed alert
        Assert.True(state.Needs(Parked, "p", NotifierState.Unlocated));
        Assert.False(state.Needs(Good, "p", NotifierState.Unlocated));
        Assert.True(state.ShouldDeliver("p", 15)); // re-read after a restart: owed to the parked chat

        state = state.Apply(new NotifierEvents.AlertLocated("p", 15, T0));
        state = Delivered(state, "b", 20);

        Assert.Equal(20, state.Offset);
        Assert.Equal(14, state.ResumeAfter); // owed from where the query found it
        Assert.True(state.Needs(Parked, "p", 15));
        state = state.Apply(new NotifierEvents.AlertReceived("p", Parked, T0));
        Assert.Equal(20, state.ResumeAfter);
    }

    [Fact]
    public void Should_treat_an_unlocated_alert_as_settled_only_once_delivered()
    {
        var state = Delivered(NotifierState.Empty, "a", 10);

        Assert.False(state.IsSettled("p", NotifierState.Unlocated)); // not "behind the offset"
        Assert.True(Delivered(state, "p", NotifierState.Unlocated).IsSettled("p", NotifierState.Unlocated));
    }
}
