namespace YouTubeAnalytics.Host.Configuration;

/// <summary>
/// The seed's `.env` flow (cp .env.example .env, fill it in, run): the `.env` in the working directory, or, when the
/// working directory is a project folder (`dotnet run --project src/Host` runs in src/Host), the one in the
/// repository root (the nearest parent holding YouTubeAnalytics.sln), is read into the process environment before the host's
/// configuration is built, without overwriting a variable that is already set. So real environment variables win,
/// then `.env`, then appsettings.json; both the seed's names (CHANGE_THRESHOLD) and Section__Key names work.
/// </summary>
public sealed record DotEnvFile(string? Path, int Read, int KeptFromEnvironment)
{
    public const string FileName = ".env";

    public static DotEnvFile None { get; } = new(null, 0, 0);

    public static DotEnvFile LoadFromWorkingDirectory() => Load(Directory.GetCurrentDirectory());

    /// <summary>The .env to read for a working directory, or null. A test's output folder holds no project file, so
    /// a developer's own .env in the repository root never leaks into the tests.</summary>
    public static string? Find(string directory)
    {
        var here = System.IO.Path.Combine(directory, FileName);
        if (File.Exists(here))
            return here;
        if (Directory.GetFiles(directory, "*.csproj").Length == 0)
            return null;
        for (var folder = Directory.GetParent(directory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "YouTubeAnalytics.sln")))
                return File.Exists(System.IO.Path.Combine(folder.FullName, FileName)) ? System.IO.Path.Combine(folder.FullName, FileName) : null;
        }
        return null;
    }

    public static DotEnvFile Load(string directory)
    {
        if (Find(directory) is not { } path)
            return None;
        var alreadySet = 0;
        var values = DotNetEnv.Env.Load(path, new DotNetEnv.LoadOptions(setEnvVars: false)).ToList();
        foreach (var (name, value) in values)
        {
            if (Environment.GetEnvironmentVariable(name) is not null)
                alreadySet++;
            else if (value.Length > 0)
                Environment.SetEnvironmentVariable(name, value);
        }
        return new DotEnvFile(System.IO.Path.GetFullPath(path), values.Count, alreadySet);
    }
}
