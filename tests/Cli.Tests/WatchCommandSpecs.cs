using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Cli.Tests;

/// <summary>`yta watch` against a running host that has an admin key.</summary>
public sealed class WatchCommandSpecs() : CliSpec(adminKey: "cli-admin-key-0123456789")
{
    [Fact]
    public async Task Should_add_list_and_remove_watched_videos_and_playlists()
    {
        var (addExit, added, _) = await Yta("watch", "add", "https://youtu.be/dQw4w9WgXcQ?t=42");
        Assert.Equal(0, addExit);
        Assert.Equal("Watching video dQw4w9WgXcQ", added.Trim());
        Assert.Equal(0, (await Yta("watch", "add", "https://www.youtube.com/playlist?list=PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf")).Exit);

        var (_, list, _) = await Yta("watch", "list");
        Assert.Matches(@"video\s+dQw4w9WgXcQ", list);
        Assert.Matches(@"playlist\s+PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf", list);

        var (removeExit, removed, _) = await Yta("watch", "remove", "dQw4w9WgXcQ");
        Assert.Equal(0, removeExit);
        Assert.Contains("No longer watching dQw4w9WgXcQ", removed);
        Assert.DoesNotContain("dQw4w9WgXcQ", (await Yta("watch", "list")).Out);
    }

    [Fact]
    public async Task Should_list_watched_channels_before_their_first_sample()
    {
        Assert.Equal(0, (await Yta("watch", "add", "https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw")).Exit);

        var (exit, list, _) = await Yta("channel");
        Assert.Equal(0, exit);
        Assert.Matches(@"Channel\s+Title\s+Subscribers", list);
        Assert.Matches(@"UCuAXFkgsw1L7xaCfnd5JJOw\s+-\s+-", list);

        var (statsExit, _, error) = await Yta("channel", "UCuAXFkgsw1L7xaCfnd5JJOw");
        Assert.Equal(1, statsExit); // never sampled: the API's 404
        Assert.Contains("404", error);
    }

    [Fact]
    public async Task Should_refuse_a_url_of_another_site_with_the_reason()
    {
        var (exit, _, error) = await Yta("watch", "add", "https://vimeo.com/123456");

        Assert.Equal(1, exit);
        Assert.Contains("400", error);
    }
}
