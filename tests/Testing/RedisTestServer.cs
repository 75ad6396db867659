namespace YouTubeAnalytics.Testing;

/// <summary>
/// The Redis server named by YTA_TEST_REDIS (scripts/test.sh starts one on loopback). Tests need a real server: without
/// one they fail and say how to get it. Each test keeps to its own key prefix, so tests share the server.
/// </summary>
public static class RedisTestServer
{
    public const string ServerVariable = "YTA_TEST_REDIS";

    public static string Configuration =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set: run the tests with scripts/test.sh, which starts redis-server on loopback, " +
                "or point it at a server (e.g. 127.0.0.1:6379).");

    /// <summary>A key prefix no other test uses.</summary>
    public static string UniquePrefix() => $"test-{Guid.NewGuid():N}:";
}
