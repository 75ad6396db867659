using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using Akka.Util;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>One record as consumed, with the partition and offset it is committed by.</summary>
public sealed record CommittableRecord(ConsumeResult<byte[]?, byte[]?> Result)
{
    public TopicPartitionOffset Offset => Result.TopicPartitionOffset;
}

/// <summary>
/// A Kafka consumer whose offsets move only when the stream acks a record: <see cref="Records"/> emits what is
/// fetched, <see cref="Ack"/> (called in emission order, once the record's effect is durable) marks it done, and
/// the acked positions are committed in batches on the consumer's own thread. Partitions revoked by a rebalance
/// are drained (their records in flight are waited for) and committed before they are given up. One instance is
/// one member of the group for one run of the stream: create a new one to restart.
/// </summary>
public sealed partial class CommittableConsumer
{
    private readonly KafkaSettings _settings;
    private readonly string _topic;
    private readonly ILogger _logger;
    private readonly Channel<CommittableRecord> _buffer;
    private readonly Lock _gate = new();
    private readonly HashSet<TopicPartition> _assigned = [];
    private readonly Dictionary<TopicPartition, long> _emitted = [];   // highest offset handed downstream
    private readonly Dictionary<TopicPartition, long> _acked = [];     // next offset to commit (acked + 1)
    private readonly Dictionary<TopicPartition, long> _committed = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _ackedSinceCommit;
    private readonly TimeProvider _time;
    private DateTimeOffset _lastCommit;
    private volatile bool _downstreamGone;
    private volatile bool _aborted;
    private Thread? _thread;

    /// <param name="time">The clock of the commit interval and the drain timeout (the system clock when not given).</param>
    public CommittableConsumer(KafkaSettings settings, string topic, ILogger logger, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _lastCommit = _time.GetUtcNow();
        _settings = settings;
        _topic = topic;
        _logger = logger;
        _buffer = Channel.CreateBounded<CommittableRecord>(new BoundedChannelOptions(settings.BufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
        });
    }

    /// <summary>Completes once the consumer has left the group, after its last commit.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>
    /// The records, from the group's committed offsets on. The consumer starts when the source is materialized;
    /// when the stream ends (completion, cancellation or failure) it commits what was acked and leaves the group.
    /// </summary>
    public Source<CommittableRecord, NotUsed> Records() =>
        Source.UnfoldResourceAsync<CommittableRecord, CommittableConsumer>(
            () =>
            {
                Start();
                return Task.FromResult(this);
            },
            async self => await self._buffer.Reader.WaitToReadAsync().ConfigureAwait(false)
                && self._buffer.Reader.TryRead(out var record)
                ? Option<CommittableRecord>.Create(record)
                : Option<CommittableRecord>.None,
            async self =>
            {
                // The stream is over: no ack can come any more, so a drain has nothing to wait for.
                self._downstreamGone = true;
                await self.StopAsync().ConfigureAwait(false);
                return Done.Instance;
            });

    /// <summary>The record's effect is durable: its offset may be committed. Call in emission order.</summary>
    public void Ack(TopicPartitionOffset offset)
    {
        lock (_gate)
        {
            if (!_assigned.Contains(offset.TopicPartition))
                return; // revoked meanwhile: the new owner reads it again, and the entity ignores the duplicate
            var next = offset.Offset.Value + 1;
            if (!_acked.TryGetValue(offset.TopicPartition, out var current) || next > current)
                _acked[offset.TopicPartition] = next;
            _ackedSinceCommit++;
        }
    }

    /// <summary>Stops fetching, waits (up to the drain timeout) for the records in flight, commits and leaves the group.</summary>
    public Task StopAsync()
    {
        _stopping.Cancel();
        if (_thread is null)
            _stopped.TrySetResult();
        return Stopped;
    }

    /// <summary>
    /// Stops as a crash would: nothing is committed from now on, so everything after the last commit is delivered
    /// again to whoever consumes the partitions next.
    /// </summary>
    public Task AbortAsync()
    {
        _aborted = true;
        return StopAsync();
    }

    private void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"kafka-consumer-{_topic}" };
        _thread.Start();
    }

    private void Run()
    {
        try
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(_settings.ConsumerConfig())
                .SetPartitionsAssignedHandler((_, partitions) =>
                {
                    lock (_gate)
                        _assigned.UnionWith(partitions);
                    LogAssigned(_logger, string.Join(",", partitions.Select(p => p.Partition.Value)));
                })
                .SetPartitionsRevokedHandler((c, partitions) => Revoke(c, partitions.Select(p => p.TopicPartition).ToList()))
                .SetPartitionsLostHandler((_, partitions) => Forget(partitions.Select(p => p.TopicPartition)))
                .SetErrorHandler((_, error) => LogClientError(_logger, error.Code, error.Reason))
                .Build();
            consumer.Subscribe(_topic);
            Consume(consumer);
            if (!_aborted)
            {
                List<TopicPartition> assigned;
                lock (_gate)
                    assigned = [.. _assigned];
                Drain(assigned);
                Commit(consumer, force: true);
            }
            consumer.Close();
        }
        catch (Exception ex)
        {
            LogConsumerFailed(_logger, ex);
        }
        finally
        {
            _buffer.Writer.TryComplete();
            _stopped.TrySetResult();
        }
    }

    private void Consume(IConsumer<byte[]?, byte[]?> consumer)
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            Commit(consumer, force: false);
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
                continue;
            var record = new CommittableRecord(result);
            // A full buffer stops the fetching (backpressure); commits go on meanwhile.
            while (!_buffer.Writer.TryWrite(record))
            {
                if (stopping.IsCancellationRequested)
                    return;
                Commit(consumer, force: false);
                try
                {
                    _buffer.Writer.WaitToWriteAsync(stopping).AsTask().Wait(TimeSpan.FromMilliseconds(100), CancellationToken.None);
                }
                catch (AggregateException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
            }
            lock (_gate)
                _emitted[result.TopicPartition] = result.Offset.Value;
        }
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, bool force)
    {
        if (_aborted)
            return;
        List<TopicPartitionOffset> due;
        lock (_gate)
        {
            if (!force && _ackedSinceCommit < _settings.CommitBatch && _time.GetUtcNow() - _lastCommit < _settings.CommitInterval)
                return;
            due = _acked.Where(a => _assigned.Contains(a.Key) && (!_committed.TryGetValue(a.Key, out var c) || c < a.Value))
                .Select(a => new TopicPartitionOffset(a.Key, a.Value)).ToList();
            _ackedSinceCommit = 0;
            _lastCommit = _time.GetUtcNow();
        }
        if (due.Count == 0)
            return;
        try
        {
            consumer.Commit(due);
            lock (_gate)
            {
                foreach (var tpo in due)
                    _committed[tpo.TopicPartition] = tpo.Offset.Value;
            }
        }
        catch (KafkaException ex)
        {
            // Not fatal: the offsets stay acked and the next commit carries them again.
            LogCommitFailed(_logger, ex.Error.Code, ex.Error.Reason);
        }
    }

    private void Revoke(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (!_aborted)
        {
            Drain(partitions);
            Commit(consumer, force: true);
        }
        Forget(partitions);
        LogRevoked(_logger, string.Join(",", partitions.Select(p => p.Partition.Value)));
    }

    /// <summary>Waits until every record emitted from these partitions is acked, or the drain timeout passes.</summary>
    private void Drain(List<TopicPartition> partitions)
    {
        var deadline = _time.GetUtcNow() + _settings.DrainTimeout;
        while (!_aborted && !_downstreamGone && _time.GetUtcNow() < deadline)
        {
            lock (_gate)
            {
                if (partitions.All(p => !_emitted.TryGetValue(p, out var e) || (_acked.TryGetValue(p, out var a) && a > e)))
                    return;
            }
            Thread.Sleep(10);
        }
    }

    private void Forget(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate)
        {
            foreach (var p in partitions)
            {
                _assigned.Remove(p);
                _emitted.Remove(p);
                _acked.Remove(p);
                _committed.Remove(p);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka partitions assigned: {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka partitions revoked after drain and commit: {Partitions}")]
    private static partial void LogRevoked(ILogger logger, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka client error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka offset commit failed ({Code}: {Reason}); retried with the next batch")]
    private static partial void LogCommitFailed(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka consumer stopped on an error")]
    private static partial void LogConsumerFailed(ILogger logger, Exception exception);
}
