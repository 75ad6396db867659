namespace YouTubeAnalytics.Host.Configuration;

/// <summary>
/// The seed's `.env` flow (cp .env.example .env, fill it in, run): the `.env` in the working directory (the
/// repository root when started as the README says) is read into the process environment before the host's
/// configuration is built, without overwriting a variable that is already set. So real environment variables win,
/// then `.env`, then appsettings.json; both the seed's names (CHANGE_THRESHOLD) and Section__Key names work.
/// </summary>
public sealed record DotEnvFile(string? Path, int Read, int KeptFromEnvironment)
{
    public const string FileName = ".env";

    public static DotEnvFile None { get; } = new(null, 0, 0);

    public static DotEnvFile LoadFromWorkingDirectory() => Load(Directory.GetCurrentDirectory());

    public static DotEnvFile Load(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        if (!File.Exists(path))
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
