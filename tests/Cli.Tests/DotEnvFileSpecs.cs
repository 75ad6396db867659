namespace YouTubeAnalytics.Cli.Tests;

/// <summary>Which .env is read: the working directory's, or the repository root's when run from a project folder.</summary>
public sealed class DotEnvFileSpecs : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("yta-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string relative, bool project)
    {
        var folder = Path.Combine(_root, relative);
        Directory.CreateDirectory(folder);
        if (project)
            File.WriteAllText(Path.Combine(folder, "App.csproj"), "<Project />");
        return folder;
    }

    [Fact]
    public void Should_read_the_repository_root_s_dot_env_from_a_project_folder_but_not_from_an_output_folder()
    {
        File.WriteAllText(Path.Combine(_root, "YouTubeAnalytics.sln"), "");
        File.WriteAllText(Path.Combine(_root, ".env"), "TELEGRAM_CHAT_ID=-100111\n");
        var project = Folder("src/Cli", project: true);
        var output = Folder("tests/X/bin/Release/net10.0", project: false);

        Assert.Equal("-100111", DotEnvFile.Over(_ => null, project)("TELEGRAM_CHAT_ID"));
        Assert.Equal("-100111", DotEnvFile.Over(_ => null, _root)("TELEGRAM_CHAT_ID"));
        Assert.Null(DotEnvFile.Over(_ => null, output)("TELEGRAM_CHAT_ID"));
        Assert.Equal("-100222", DotEnvFile.Over(n => n == "TELEGRAM_CHAT_ID" ? "-100222" : null, project)("TELEGRAM_CHAT_ID"));
    }
}
