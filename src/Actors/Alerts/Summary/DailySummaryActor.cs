using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using YouTubeAnalytics.Actors.Resilience;

namespace YouTubeAnalytics.Actors.Alerts.Summary;

/// <summary>Where a due summary goes: gathers the day's figures, words them and sends them to the chat.</summary>
public interface IDailySummarySink
{
    Task SendAsync(DueSummary summary, CancellationToken cancellationToken);
}

/// <param name="ConfiguredChats">Telegram:ChatId: the chats <paramref name="Configured"/> (Telegram:DailySummaryAt) applies to.</param>
public sealed record DailySummarySettings(IReadOnlyList<long> ConfiguredChats, SummarySchedule? Configured, BackoffPolicy RetryBackoff)
{
    /// <summary>The longest wait between two looks at the clock (a clock that jumps is caught within it).</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);
}

public static class DailySummaryCommands
{
    /// <summary>What a chat chose with /summary (null: off); answered with <see cref="ScheduleSet"/> once persisted.</summary>
    public sealed record SetSchedule(long ChatId, SummarySchedule? Schedule);

    /// <param name="NextAt">When the chat's next summary goes out; null when off.</param>
    public sealed record ScheduleSet(long ChatId, DateTimeOffset? NextAt);

    public sealed record GetState
    {
        public static readonly GetState Instance = new();
    }
}

/// <summary>
/// Sends each chat its daily summary (persistence id "daily-summary"): the schedule and the last day sent are in its
/// journal (<see cref="DailySummaryState"/> decides), the clock is its <see cref="TimeProvider"/>. A summary is
/// recorded as sent after the sink's send completes, so a crash during the send repeats it once, never more; a failed
/// send is retried with backoff. One send at a time.
/// </summary>
public sealed class DailySummaryActor : ReceivePersistentActor
{
    public const string Name = "daily-summary";

    private readonly DailySummarySettings _settings;
    private readonly IDailySummarySink _sink;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private DailySummaryState _state = DailySummaryState.Empty;
    private bool _sending;
    private int _failures;
    private long _wakeGeneration;

    public DailySummaryActor(DailySummarySettings settings, IDailySummarySink sink, TimeProvider? time = null)
    {
        _settings = settings;
        _sink = sink;
        _time = time ?? TimeProvider.System;

        Recover<IDailySummaryEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            var configure = _state.Configure(_settings.ConfiguredChats, _settings.Configured, _time.GetUtcNow());
            if (configure.Count == 0)
                Evaluate();
            PersistAll(configure, e =>
            {
                _state = _state.Apply(e);
                if (ReferenceEquals(e, configure[^1]))
                    Evaluate();
            });
        });

        Command<DailySummaryCommands.SetSchedule>(set =>
        {
            var sender = Sender;
            Persist(new DailySummaryEvents.Scheduled(set.ChatId, set.Schedule, ByChat: true, _time.GetUtcNow()), e =>
            {
                _state = _state.Apply(e);
                var next = set.Schedule is { } s ? s.OccurrenceOn(s.LastDayAtOrBefore(_time.GetUtcNow()).AddDays(1)) : (DateTimeOffset?)null;
                sender.Tell(new DailySummaryCommands.ScheduleSet(set.ChatId, next));
                Evaluate();
            });
        });
        Command<DailySummaryCommands.GetState>(_ => Sender.Tell(_state));
        Command<Wake>(wake => { if (wake.Generation == _wakeGeneration) Evaluate(); });
        Command<SendDone>(done => Persist(new DailySummaryEvents.Sent(done.Summary.ChatId, done.Summary.Day, _time.GetUtcNow()), e =>
        {
            _state = _state.Apply(e);
            _sending = false;
            _failures = 0;
            Evaluate();
        }));
        Command<SendFailed>(failed =>
        {
            _sending = false;
            _failures++;
            _log.Warning("The daily summary of {0} for chat {1} was not sent (attempt {2}): {3}; trying again in {4}",
                failed.Summary.Day, failed.Summary.ChatId, _failures, failed.Reason, _settings.RetryBackoff.DelayFor(_failures));
            WakeAfter(_settings.RetryBackoff.DelayFor(_failures));
        });
    }

    public override string PersistenceId => Name;

    public static Props PropsFor(DailySummarySettings settings, IDailySummarySink sink, TimeProvider? time = null) =>
        Props.Create(() => new DailySummaryActor(settings, sink, time));

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    /// <summary>Sends the first summary due, or sleeps until the next one (at most <see cref="DailySummarySettings.LongestWait"/>).</summary>
    private void Evaluate()
    {
        if (_sending)
            return;
        var now = _time.GetUtcNow();
        if (_state.Due(now) is [var due, ..])
        {
            _sending = true;
            _wakeGeneration++;
            _sink.SendAsync(due, _stopping.Token).PipeTo(
                Self, success: () => new SendDone(due), failure: e => new SendFailed(due, e.GetBaseException().Message));
            return;
        }
        if (_state.NextDueAfter(now) is { } next)
            WakeAfter(next - now < DailySummarySettings.LongestWait ? next - now : DailySummarySettings.LongestWait);
    }

    private void WakeAfter(TimeSpan delay)
    {
        var generation = ++_wakeGeneration;
        var self = Self;
        Task.Delay(delay, _time, _stopping.Token).ContinueWith(
            t => { if (t.IsCompletedSuccessfully) self.Tell(new Wake(generation)); }, TaskScheduler.Default);
    }

    private sealed record Wake(long Generation);

    private sealed record SendDone(DueSummary Summary);

    private sealed record SendFailed(DueSummary Summary, string Reason);
}
