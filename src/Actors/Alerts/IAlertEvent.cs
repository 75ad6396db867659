using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// A persisted event that raises one alert, whichever journal holds it: tagged "alert" by <see cref="AlertTagger"/>
/// and read back by <see cref="AlertTagSource"/>. A feature that raises alerts gives its event this interface.
/// </summary>
public interface IAlertEvent : IProtocolMessage
{
    Alert Alert { get; }
}
