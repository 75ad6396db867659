namespace YouTubeAnalytics.Actors.Serialization;

/// <summary>
/// Everything that is persisted or may cross the network: bound to <see cref="ProtocolSerializer"/>, never to Akka's
/// default CLR-type JSON, so a renamed class cannot break a journal.
/// </summary>
public interface IProtocolMessage;
