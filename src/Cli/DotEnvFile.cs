namespace YouTubeAnalytics.Cli;

/// <summary>
/// The `.env` of the working directory, as the host reads it: a variable set in the real environment wins over
/// the file. Read-only: the process environment is not changed.
/// </summary>
public static class DotEnvFile
{
    public static Func<string, string?> Over(Func<string, string?> environment, string directory)
    {
        var path = Path.Combine(directory, ".env");
        if (!File.Exists(path))
            return environment;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in DotNetEnv.Env.Load(path, new DotNetEnv.LoadOptions(setEnvVars: false)))
            values[name] = value;
        return name => environment(name) ?? values.GetValueOrDefault(name);
    }
}
