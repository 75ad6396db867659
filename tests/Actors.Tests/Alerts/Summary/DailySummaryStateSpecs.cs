using YouTubeAnalytics.Actors.Alerts.Summary;

namespace YouTubeAnalytics.Actors.Tests.Alerts.Summary;

/// <summary><see cref="DailySummaryState"/> and <see cref="SummarySchedule"/>: when a chat's daily summary is due, pure.</summary>
public sealed class DailySummaryStateSpecs
{
    private const long Chat = -100123;
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static SummarySchedule Parse(string text) =>
        SummarySchedule.TryParse(text, out var schedule, out var reason) ? schedule : throw new InvalidOperationException(reason);

    private static DailySummaryState Configured(string at, DateTimeOffset since) =>
        DailySummaryState.Empty.Apply(new DailySummaryEvents.Scheduled(Chat, Parse(at), ByChat: false, since));

    [Theory]
    [InlineData("08:00", "08:00 UTC")]
    [InlineData("8:30 Europe/Berlin", "08:30 Europe/Berlin")]
    [InlineData("21:15 America/New_York", "21:15 America/New_York")]
    public void Should_read_a_time_and_an_optional_IANA_zone(string text, string read) =>
        Assert.Equal(read, Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("25:00")]
    [InlineData("8")]
    [InlineData("08:00 Mars/Olympus")]
    [InlineData("08:00 Europe/Berlin extra")]
    public void Should_refuse_what_is_not_a_time_and_a_zone(string text)
    {
        Assert.False(SummarySchedule.TryParse(text, out _, out var reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void Should_be_due_once_the_local_time_passed_and_not_before()
    {
        var state = Configured("08:00 Europe/Berlin", Monday);

        Assert.Empty(state.Due(Monday.AddHours(6).AddMinutes(59))); // 07:59 in Berlin (UTC+1 in March before the change)
        var due = Assert.Single(state.Due(Monday.AddHours(7)));
        Assert.Equal(new DateOnly(2026, 3, 2), due.Day);
        Assert.Equal(Monday.AddHours(7), due.Occurrence);
        Assert.Equal(Monday.AddHours(7).AddDays(1), state.NextDueAfter(Monday.AddHours(7)));
    }

    [Fact]
    public void Should_not_send_a_day_twice_when_rebuilt_from_its_events_after_a_restart()
    {
        var events = new List<IDailySummaryEvent>
        {
            new DailySummaryEvents.Scheduled(Chat, Parse("08:00"), false, Monday),
            new DailySummaryEvents.Sent(Chat, new DateOnly(2026, 3, 2), Monday.AddHours(8).AddSeconds(3)),
        };

        var recovered = events.Aggregate(DailySummaryState.Empty, (s, e) => s.Apply(e));

        Assert.Empty(recovered.Due(Monday.AddHours(8).AddMinutes(1))); // the restart came a minute after the send
        Assert.Empty(recovered.Due(Monday.AddHours(31).AddMinutes(59)));
        Assert.Equal(new DateOnly(2026, 3, 3), Assert.Single(recovered.Due(Monday.AddHours(32))).Day); // the next day's is due
    }

    [Fact]
    public void Should_send_days_missed_while_down_once_when_back()
    {
        var state = Configured("08:00", Monday).Apply(new DailySummaryEvents.Sent(Chat, new DateOnly(2026, 3, 2), Monday.AddHours(8)));

        var back = Monday.AddDays(3).AddHours(12); // down from Monday evening to Thursday noon: three summaries missed
        var due = Assert.Single(state.Due(back));
        Assert.Equal(new DateOnly(2026, 3, 5), due.Day);

        var sent = state.Apply(new DailySummaryEvents.Sent(Chat, due.Day, back));
        Assert.Empty(sent.Due(back.AddHours(1)));
        Assert.Empty(sent.Apply(new DailySummaryEvents.Sent(Chat, new DateOnly(2026, 3, 4), back)).Due(back.AddHours(2))); // an older record moves nothing back
    }

    [Fact]
    public void Should_start_with_the_next_occurrence_when_set_after_todays_time()
    {
        var state = Configured("08:00", Monday.AddHours(10));

        Assert.Empty(state.Due(Monday.AddHours(10).AddMinutes(1)));
        Assert.Equal(new DateOnly(2026, 3, 3), Assert.Single(state.Due(Monday.AddHours(32))).Day);
    }

    [Fact]
    public void Should_send_nothing_once_turned_off()
    {
        var state = Configured("08:00", Monday).Apply(new DailySummaryEvents.Scheduled(Chat, null, ByChat: true, Monday.AddHours(1)));

        Assert.Empty(state.Due(Monday.AddDays(2)));
        Assert.Null(state.NextDueAfter(Monday.AddDays(2)));
    }

    [Fact]
    public void Should_let_the_chats_own_choice_win_over_the_configuration()
    {
        var state = DailySummaryState.Empty;
        var configure = state.Configure([Chat, 42], Parse("08:00"), Monday);
        Assert.Equal(2, configure.Count);
        state = configure.Aggregate(state, (s, e) => s.Apply(e));
        Assert.Empty(state.Configure([Chat, 42], Parse("08:00"), Monday.AddDays(1))); // a restart with the same setting records nothing

        state = state.Apply(new DailySummaryEvents.Scheduled(Chat, Parse("19:00 Europe/Berlin"), ByChat: true, Monday.AddHours(1)));
        var changed = state.Configure([Chat, 42], Parse("09:00"), Monday.AddDays(1));

        Assert.Equal(42, Assert.Single(changed).ChatId); // the chat that chose 19:00 keeps it
    }

    [Fact]
    public void Should_send_at_the_hour_after_a_local_time_skipped_by_the_clock_change()
    {
        var state = Configured("02:30 Europe/Berlin", Monday); // 2026-03-29 02:30 does not exist in Berlin
        var changeDay = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);

        var due = Assert.Single(state.Due(changeDay.AddHours(2)));
        Assert.Equal(new DateOnly(2026, 3, 29), due.Day);
        Assert.Equal(changeDay.AddHours(1).AddMinutes(30), due.Occurrence); // 03:30 CEST
    }
}
