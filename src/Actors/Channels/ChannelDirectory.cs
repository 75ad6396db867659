using System.Collections.Concurrent;

namespace YouTubeAnalytics.Actors.Channels;

/// <summary>
/// The @handles of watched channels resolved to their UC… ids, kept for the life of the process: the channel
/// sampler resolves a handle once (its first channels.list answer names the id) and writes it here; the API and the
/// bot read it. It lives on the node that runs the ingest (the whole process when embedded).
/// </summary>
public sealed class ChannelDirectory
{
    private readonly ConcurrentDictionary<string, string> _idsByHandle = new(StringComparer.OrdinalIgnoreCase);

    public void Resolved(string handle, string channelId) => _idsByHandle[handle] = channelId;

    public string? IdOf(string handle) => _idsByHandle.TryGetValue(handle, out var id) ? id : null;

    /// <summary>A UC… id as it is, a handle by what it resolved to (null while unresolved).</summary>
    public string? Resolve(string idOrHandle) => idOrHandle.StartsWith('@') ? IdOf(idOrHandle) : idOrHandle;
}
