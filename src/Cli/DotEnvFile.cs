namespace YouTubeAnalytics.Cli;

/// <summary>
/// The `.env` the host would read (the working directory's, or the repository root's when run from a project folder
/// by `dotnet run --project src/Cli`): a variable set in the real environment wins over the file. Read-only: the
/// process environment is not changed.
/// </summary>
public static class DotEnvFile
{
    public static Func<string, string?> Over(Func<string, string?> environment, string directory)
    {
        if (Find(directory) is not { } path)
            return environment;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in DotNetEnv.Env.Load(path, new DotNetEnv.LoadOptions(setEnvVars: false)))
            values[name] = value;
        return name => environment(name) ?? values.GetValueOrDefault(name);
    }

    private static string? Find(string directory)
    {
        var here = Path.Combine(directory, ".env");
        if (File.Exists(here))
            return here;
        if (Directory.GetFiles(directory, "*.csproj").Length == 0)
            return null;
        for (var folder = Directory.GetParent(directory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "YouTubeAnalytics.sln")))
                return File.Exists(Path.Combine(folder.FullName, ".env")) ? Path.Combine(folder.FullName, ".env") : null;
        }
        return null;
    }
}
