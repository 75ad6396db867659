using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Actors.Resilience;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Retention;

/// <summary>
/// The retention sweep (cluster singleton "retention-sweep"): every History:SweepInterval it wakes each video of the
/// journal that is no longer watched (<see cref="VideoCommands.ExpireHistory"/>: prune or forget, see
/// <see cref="VideoState.ExpiryAt"/>), then asks the read side to drop what is past the retention. Nothing at all while
/// the wall clock disagrees with the reference (History:ClockTolerance). One sweep at a time, run off the actor.
/// </summary>
public sealed class RetentionSweepActor : ReceiveActor, IWithTimers
{
    public const string Name = "retention-sweep";

    /// <summary>Run a sweep now (the timer's message; a sender other than the timer gets the report).</summary>
    public sealed class SweepNow
    {
        public static readonly SweepNow Instance = new();
    }

    private sealed record Done(RetentionSweepReport Report, IActorRef? ReplyTo);

    private sealed record Failed(Exception Cause, IActorRef? ReplyTo);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RetentionSweepSettings _settings;
    private bool _running;

    public RetentionSweepActor(RetentionSweepSettings settings, IActorRef watchlist, IActorRef videos, IReadSideRetention readSide, TimeProvider clock)
    {
        _settings = settings;
        Receive<SweepNow>(_ =>
        {
            var replyTo = Sender.IsNobody() || Sender.Equals(Self) ? null : Sender;
            if (_running)
            {
                replyTo?.Tell(new Status.Failure(new InvalidOperationException("a sweep is running")));
                return;
            }
            var reading = ReferenceClock.Of(clock).Read(settings.ClockTolerance);
            if (!reading.Agrees)
            {
                _log.Warning("Retention sweep skipped: the wall clock {0:O} is {1} off the reference {2:O} (History:ClockTolerance {3})",
                    reading.Wall, reading.Disagreement, reading.Reference, reading.Tolerance);
                replyTo?.Tell(new RetentionSweepReport(0, 0, 0, 0, 0, ClockDisagreed: true));
                return;
            }
            _running = true;
            var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<ICurrentPersistenceIdsQuery>(JournalNames.ReadJournalPluginId);
            SweepAsync(journal, watchlist, videos, readSide, reading.Reference - settings.Retention, Context.Materializer())
                .PipeTo(Self, success: report => new Done(report, replyTo), failure: e => new Failed(e, replyTo));
        });
        Receive<Done>(d =>
        {
            _running = false;
            if (d.Report.Pruned + d.Report.Forgotten + d.Report.ReadSideRemoved > 0)
                _log.Info("Retention sweep: {0} videos no longer watched of {1}, {2} pruned, {3} forgotten; {4} read-side entries removed",
                    d.Report.Unwatched, d.Report.VideosInJournal, d.Report.Pruned, d.Report.Forgotten, d.Report.ReadSideRemoved);
            d.ReplyTo?.Tell(d.Report);
        });
        Receive<Failed>(f =>
        {
            _running = false;
            _log.Warning(f.Cause, "Retention sweep failed; the next one (in {0}) tries again", _settings.Interval);
            f.ReplyTo?.Tell(new Status.Failure(f.Cause));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("sweep", SweepNow.Instance, _settings.FirstDelay, _settings.Interval);

    public static Props PropsFor(RetentionSweepSettings settings, IActorRef watchlist, IActorRef videos, IReadSideRetention readSide, TimeProvider clock) =>
        Props.Create(() => new RetentionSweepActor(settings, watchlist, videos, readSide, clock));

    // Runs off the actor: it reads only the immutable settings and its arguments.
    private async Task<RetentionSweepReport> SweepAsync(
        ICurrentPersistenceIdsQuery journal, IActorRef watchlist, IActorRef videos, IReadSideRetention readSide, DateTimeOffset cutoff, IMaterializer materializer)
    {
        var reply = await watchlist.Ask<WatchlistQueries.WatchlistReply>(WatchlistQueries.GetWatchlist.Instance, _settings.AskTimeout);
        var watched = reply.VideoIds.ToHashSet(StringComparer.Ordinal);
        var ids = await journal.CurrentPersistenceIds()
            .RunAggregate(new List<string>(), (list, id) => { list.Add(id); return list; }, materializer);
        var unwatched = RetentionSweep.Unwatched(ids, watched);
        var answers = await Source.From(unwatched)
            .SelectAsync(_settings.Parallelism, id => videos.Ask<VideoCommands.HistoryExpiryAnswered>(new VideoCommands.ExpireHistory(id), _settings.AskTimeout))
            .RunAggregate(new List<HistoryExpiry>(), (list, a) => { list.Add(a.Expiry); return list; }, materializer);
        var removed = await readSide.RemoveExpiredAsync(cutoff, CancellationToken.None);
        return new RetentionSweepReport(
            ids.Count(p => p.StartsWith(RetentionSweep.VideoPrefix, StringComparison.Ordinal)), unwatched.Count,
            answers.Count(a => a == HistoryExpiry.Prune), answers.Count(a => a == HistoryExpiry.Forget), removed);
    }
}
