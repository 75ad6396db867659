using System.Threading.Channels;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Testing;

/// <summary>A source the test writes samples into; they flow through the host's real ingest pipeline.</summary>
public sealed class ChannelVideoStatsSource : IVideoStatsSource
{
    private readonly Channel<VideoStatsObserved> _channel = Channel.CreateUnbounded<VideoStatsObserved>();

    public string Name => "test";

    public Source<VideoStatsObserved, NotUsed> Open(CancellationToken draining) =>
        Source.From(() => _channel.Reader.ReadAllAsync()).Via(draining.AsFlow<VideoStatsObserved>(cancelGracefully: true));

    /// <summary>Samples written and not yet taken by the ingest stream.</summary>
    public int Pending => _channel.Reader.Count;

    public void Write(params VideoStatsObserved[] samples)
    {
        foreach (var sample in samples)
            _channel.Writer.TryWrite(sample);
    }
}
