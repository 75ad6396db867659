using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Tests.Support;

/// <summary>
/// Offers samples to a <see cref="VideoState"/> as the VideoActor does (configured, then Process and Apply with the
/// journal's sequence numbers from 1); returns the final state and every event it persisted.
/// </summary>
public static class Offered
{
    public static (VideoState State, List<IVideoEvent> Events) Samples(
        AlertSettings settings, IEnumerable<VideoStatsObserved> samples, DateTimeOffset now, VideoState? from = null, long sequenceNr = 0)
    {
        var state = from ?? VideoState.Empty(Support.Samples.Id).Configured(settings);
        var events = new List<IVideoEvent>();
        foreach (var sample in samples)
            if (state.Process(sample, settings, now) is SampleDecision.Accept accept)
                foreach (var e in accept.Events)
                {
                    state = state.Apply(e, ++sequenceNr);
                    events.Add(e);
                }
        return (state, events);
    }

    public static List<Alert> Alerts(this IEnumerable<IVideoEvent> events) =>
        [.. events.OfType<VideoEvents.AlertRaised>().Select(a => a.Alert)];
}
