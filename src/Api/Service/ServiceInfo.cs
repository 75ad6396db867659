namespace YouTubeAnalytics.Api.Service;

/// <summary>What GET / tells about this node: which embedded default or real service each seam uses.</summary>
public sealed record ServiceInfo(
    string Name,
    string Version,
    string Mode,
    string Source,
    string AlertSink,
    string Persistence,
    string ReadSide);
