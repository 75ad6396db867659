using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using YouTubeAnalytics.Actors.Resilience;

namespace YouTubeAnalytics.Actors.Bot;

/// <param name="AllowedChatIds">Chats whose commands are carried out; every other chat's updates are logged and dropped.</param>
/// <param name="AllowedUserIds">When not empty, only these users may command the bot, in any allowed chat (a group's
/// other members are ignored); empty: every member of an allowed chat may.</param>
/// <param name="CommandsPerMinute">Telegram:CommandsPerMinute: commands carried out per user and minute (see <see cref="CommandRateLimit"/>).</param>
public sealed record TelegramBotSettings(
    IReadOnlySet<long> AllowedChatIds, TimeSpan MinBackoff, TimeSpan MaxBackoff, int SnapshotEvery = 100,
    IReadOnlySet<long>? AllowedUserIds = null, int CommandsPerMinute = 20)
{
    /// <summary>The backoff between failed reads of the bot's updates.</summary>
    public BackoffPolicy Backoff => new(MinBackoff, MaxBackoff);

    public static TelegramBotSettings For(IEnumerable<long> allowedChatIds, IEnumerable<long>? allowedUserIds = null) =>
        new(allowedChatIds.ToHashSet(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30),
            AllowedUserIds: allowedUserIds?.ToHashSet());

    /// <summary>Why an update is not carried out (the setting it fails), or null when it is allowed.</summary>
    public string? Refuses(BotUpdate update)
    {
        if (!AllowedChatIds.Contains(update.ChatId))
            return "Telegram:AllowedChatIds";
        if (AllowedUserIds is { Count: > 0 } users && (update.FromUserId is not { } user || !users.Contains(user)))
            return "Telegram:AllowedUserIds";
        return null;
    }
}

/// <summary>
/// The Telegram bot (cluster singleton "telegram-bot", persistence id "telegram-bot"). It long-polls the channel
/// from the offset after the last update it persisted, handles one update at a time (allowed chats only), persists
/// the update (and any setting it changed) and only then answers. A crash before the persist replays that command
/// once (watching is idempotent); a crash after it loses at most its answer. Never a command twice after a restart.
/// </summary>
public sealed class TelegramBotActor : ReceivePersistentActor, IWithTimers
{
    public const string Name = "telegram-bot";

    private readonly TelegramBotSettings _settings;
    private readonly IBotChannel _channel;
    private readonly IBotCommandHandler _handler;
    private readonly IChatPreferencesPublisher _registry;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Queue<BotUpdate> _queue = new();
    private readonly CommandRateLimit _rateLimit;
    private BotState _state = BotState.Empty;
    private int _failures;

    /// <param name="time">The clock of the handled-update records and of the polling backoff (fake in specs).</param>
    public TelegramBotActor(
        TelegramBotSettings settings, IBotChannel channel, IBotCommandHandler handler, IChatPreferencesPublisher registry,
        TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _settings = settings;
        _channel = channel;
        _handler = handler;
        _registry = registry;
        _rateLimit = new CommandRateLimit(settings.CommandsPerMinute);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is BotState snapshot)
                _state = snapshot;
        });
        Recover<IBotEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            _registry.Publish(_state.Preferences);
            Poll();
        });

        Command<Received>(OnReceived);
        Command<ReceiveFailed>(OnReceiveFailed);
        Command<PollAgain>(_ => Poll());
        Command<Handled>(OnHandled);
        Command<ReplySent>(_ => { });
        Command<ReplyFailed>(f => _log.Warning("The answer to chat {0} was not delivered: {1}", f.ChatId, f.Reason));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("Bot snapshot failed: {0}", f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId => Name;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(
        TelegramBotSettings settings, IBotChannel channel, IBotCommandHandler handler, IChatPreferencesPublisher registry,
        TimeProvider? time = null) =>
        Props.Create(() => new TelegramBotActor(settings, channel, handler, registry, time));

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private void Poll()
    {
        var token = _stopping.Token;
        _channel.ReceiveAsync(_state.NextOffset, token).PipeTo(
            Self,
            success: updates => new Received(updates),
            failure: e => new ReceiveFailed(e.GetBaseException().Message));
    }

    private void OnReceived(Received received)
    {
        _failures = 0;
        foreach (var update in received.Updates.OrderBy(u => u.UpdateId))
        {
            if (!_state.WasHandled(update.UpdateId) && !_queue.Any(q => q.UpdateId == update.UpdateId))
                _queue.Enqueue(update);
        }
        HandleNext();
    }

    private void OnReceiveFailed(ReceiveFailed failed)
    {
        if (_stopping.IsCancellationRequested)
            return;
        _failures++;
        var backoff = _settings.Backoff;
        _log.Warning("Reading bot updates failed ({0}, attempt {1}); trying again in {2}", failed.Reason, _failures, backoff.DelayFor(_failures));
        var self = Self;
        backoff.WaitAsync(_failures, _time, _stopping.Token).ContinueWith(
            t => { if (t.IsCompletedSuccessfully) self.Tell(PollAgain.Instance); }, TaskScheduler.Default);
    }

    /// <summary>The next queued update: dropped if its chat is not allowed, else parsed and handed to the handler.</summary>
    private void HandleNext()
    {
        if (!_queue.TryPeek(out var update))
        {
            Poll();
            return;
        }
        var handled = new BotEvents.UpdateHandled(update.UpdateId, _time.GetUtcNow());
        if (update.Unreadable) // the channel logged it: only the offset moves past it
        {
            Self.Tell(new Handled(update, handled, null));
            return;
        }
        if (_settings.Refuses(update) is { } setting)
        {
            _log.Warning("Ignored an update from chat {0} (user {1}): not in {2}", update.ChatId, update.FromUserId, setting);
            Self.Tell(new Handled(update, handled, null));
            return;
        }
        var command = BotCommandParser.Parse(update.Text, _channel.Username);
        if (command is BotCommand.NotForUs)
        {
            Self.Tell(new Handled(update, handled, null));
            return;
        }
        switch (_rateLimit.Check(update, _time.GetUtcNow()))
        {
            case CommandRateLimit.Verdict.SlowDown:
                _log.Warning("User {0} in chat {1} sent more than {2} commands a minute: asked to slow down", update.FromUserId, update.ChatId,
                    _settings.CommandsPerMinute);
                Self.Tell(new Handled(update, handled, CommandRateLimit.SlowDownHtml));
                return;
            case CommandRateLimit.Verdict.Drop:
                Self.Tell(new Handled(update, handled, null));
                return;
        }
        _handler.HandleAsync(update, command, _state.Preferences.For(update.ChatId), _stopping.Token).PipeTo(
            Self,
            success: outcome => new Handled(update, outcome.Change ?? handled, outcome.ReplyHtml),
            failure: e =>
            {
                _log.Warning("Command from chat {0} failed: {1}", update.ChatId, e.GetBaseException().Message);
                return new Handled(update, handled, "Sorry, that did not work this time. Try again in a moment.");
            });
    }

    private void OnHandled(Handled handled)
    {
        Persist(handled.Event, e =>
        {
            _state = _state.Apply(e);
            _queue.Dequeue();
            if (e is not BotEvents.UpdateHandled)
                _registry.Publish(_state.Preferences);
            if (LastSequenceNr % _settings.SnapshotEvery == 0)
                SaveSnapshot(_state);
            if (handled.ReplyHtml is { } reply)
            {
                var chatId = handled.Update.ChatId;
                _channel.ReplyAsync(chatId, reply, _stopping.Token).PipeTo(
                    Self, success: () => ReplySent.Instance, failure: ex => new ReplyFailed(chatId, ex.GetBaseException().Message));
            }
            HandleNext();
        });
    }

    private sealed record Received(IReadOnlyList<BotUpdate> Updates);

    private sealed record ReceiveFailed(string Reason);

    private sealed record PollAgain
    {
        public static readonly PollAgain Instance = new();
    }

    private sealed record Handled(BotUpdate Update, IBotEvent Event, string? ReplyHtml);

    private sealed record ReplySent
    {
        public static readonly ReplySent Instance = new();
    }

    private sealed record ReplyFailed(long ChatId, string Reason);
}
