using Akka.Hosting;

namespace YouTubeAnalytics.Actors.Serialization;

public static class SerializationHostingExtensions
{
    /// <summary>Binds every <see cref="IProtocolMessage"/> to <see cref="ProtocolSerializer"/>.</summary>
    public static AkkaConfigurationBuilder WithProtocolSerializer(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer(
            ProtocolSerializer.Name, [typeof(IProtocolMessage)], system => new ProtocolSerializer(system));
}
