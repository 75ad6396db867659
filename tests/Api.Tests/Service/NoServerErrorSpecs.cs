using System.Text;

namespace YouTubeAnalytics.Api.Tests.Service;

/// <summary>No input makes any endpoint answer 500: every refusal is a 4xx problem details naming what is wrong.</summary>
public sealed class NoServerErrorSpecs() : ApiSpec(new Dictionary<string, string?> { ["Api:AdminKey"] = AdminKeyValue })
{
    private const string AdminKeyValue = "an-admin-key-for-tests";

    public static TheoryData<string, string, string?> Requests => new()
    {
        { "GET", "/videos?page=1e3&pageSize=-0&sort=VIEWS&channel=" + new string('x', 500), null },
        { "GET", "/videos/%E2%80%AEaaaaaaaaaa/stats", null },
        { "GET", "/videos/" + new string('a', 5000) + "/history", null },
        { "GET", "/videos/aaaaaaaaaaa/history?from=9999-12-31T23:59:59Z&to=0001-01-01", null },
        { "GET", "/videos/aaaaaaaaaaa/history?from=0001-01-01&to=9999-12-31T23:59:59.9999999Z", null },
        { "GET", "/alerts?page=2147483647&pageSize=500", null },
        { "GET", "/alerts?page=%F0%9F%92%A5", null },
        { "POST", "/watchlist", "{not json" },
        { "POST", "/watchlist", "[]" },
        { "POST", "/watchlist", "{\"url\": 42}" },
        { "POST", "/watchlist", "{\"url\": \"javascript:alert(1)\"}" },
        { "POST", "/watchlist", "" },
        { "DELETE", "/watchlist/%20", null },
        { "POST", "/cluster/leave", "{\"address\": \"akka.tcp://nobody@\"}" },
        { "GET", "/dashboard/..%2F..%2Fappsettings.json", null },
        { "GET", "/openapi/nothing.json", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Should_never_answer_500(string method, string url, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Add("X-Api-Key", AdminKeyValue);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Client.SendAsync(request, Cancel);

        Assert.True((int)response.StatusCode < 500, $"{method} {url} answered {(int)response.StatusCode}");
        if ((int)response.StatusCode >= 400)
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
