using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Tests.Watchlist;

public sealed class YouTubeUrlParserSpecs
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", WatchKind.Video, "dQw4w9WgXcQ")]
    [InlineData("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s", WatchKind.Video, "dQw4w9WgXcQ")]
    [InlineData("http://m.youtube.com/watch?v=dQw4w9WgXcQ", WatchKind.Video, "dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ?si=abc", WatchKind.Video, "dQw4w9WgXcQ")]
    [InlineData("youtu.be/dQw4w9WgXcQ", WatchKind.Video, "dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/shorts/Ks-_Mh1QhMc", WatchKind.Video, "Ks-_Mh1QhMc")]
    [InlineData("https://www.youtube.com/live/Ks-_Mh1QhMc?feature=share", WatchKind.Video, "Ks-_Mh1QhMc")]
    [InlineData("https://www.youtube.com/embed/Ks-_Mh1QhMc", WatchKind.Video, "Ks-_Mh1QhMc")]
    [InlineData("https://www.youtube-nocookie.com/embed/Ks-_Mh1QhMc", WatchKind.Video, "Ks-_Mh1QhMc")]
    [InlineData("dQw4w9WgXcQ", WatchKind.Video, "dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/playlist?list=PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf", WatchKind.Playlist, "PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf")]
    [InlineData("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf", WatchKind.Playlist, "PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf")]
    [InlineData("UUuAXFkgsw1L7xaCfnd5JJOw", WatchKind.Playlist, "UUuAXFkgsw1L7xaCfnd5JJOw")]
    [InlineData("https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw", WatchKind.Channel, "UCuAXFkgsw1L7xaCfnd5JJOw")]
    [InlineData("https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw/videos", WatchKind.Channel, "UCuAXFkgsw1L7xaCfnd5JJOw")]
    [InlineData("UCuAXFkgsw1L7xaCfnd5JJOw", WatchKind.Channel, "UCuAXFkgsw1L7xaCfnd5JJOw")]
    [InlineData("https://www.youtube.com/@rickastleyyt", WatchKind.Channel, "@rickastleyyt")]
    [InlineData("https://www.youtube.com/@rickastleyyt/shorts", WatchKind.Channel, "@rickastleyyt")]
    [InlineData("@rickastleyyt", WatchKind.Channel, "@rickastleyyt")]
    [InlineData("  https://youtu.be/dQw4w9WgXcQ  ", WatchKind.Video, "dQw4w9WgXcQ")]
    public void Should_read_every_common_YouTube_form_as_an_id(string input, WatchKind kind, string id)
    {
        Assert.True(YouTubeUrlParser.TryParse(input, out var target, out var reason), reason);
        Assert.Equal(new WatchTarget(kind, id), target);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("https://vimeo.com/123456", "only youtube.com and youtu.be")]
    [InlineData("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "only youtube.com and youtu.be")]
    [InlineData("https://www.youtube.com/watch?v=short", "valid video id")]
    [InlineData("https://www.youtube.com/watch?feature=share", "watch link needs a v=")]
    [InlineData("https://youtu.be/", "needs a video id")]
    [InlineData("https://www.youtube.com/playlist?list=nope", "valid playlist id")]
    [InlineData("https://www.youtube.com/channel/rick", "channel id")]
    [InlineData("https://www.youtube.com/user/RickAstleyVEVO", "not supported")]
    [InlineData("https://www.youtube.com/", "needs a video, playlist or channel")]
    [InlineData("ftp://youtube.com/watch?v=dQw4w9WgXcQ", "not a URL")]
    [InlineData("@a", "handle")]
    [InlineData("hello world", "not a video id")]
    [InlineData("javascript:alert(1)", "not a video id")]
    public void Should_refuse_anything_else_with_a_reason(string input, string because)
    {
        Assert.False(YouTubeUrlParser.TryParse(input, out var target, out var reason));
        Assert.Null(target);
        Assert.Contains(because, reason);
    }
}
