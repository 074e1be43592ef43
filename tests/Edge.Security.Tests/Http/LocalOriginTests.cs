using System.Globalization;
using System.Net;
using Edge.Security.Tests.Fixtures;

namespace Edge.Security.Tests.Http;

/// <summary>The REST API on 127.0.0.1 against a browser that is made to call it from another site.</summary>
public sealed class LocalOriginTests
{
    [Fact]
    public async Task A_dns_rebinding_page_cannot_read_the_api()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"]);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(gateway, "/api/nodes"));
        request.Headers.Host = "attacker.example:" + gateway.HttpPort.ToString(CultureInfo.InvariantCulture);

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Url(gateway, "/api/nodes"))).StatusCode);
    }

    [Fact]
    public async Task A_cross_site_post_is_refused()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"], extra: []);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(gateway, "/api/sim/sim-001/kill"));
        request.Headers.Add("Origin", "http://attacker.example");

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static Uri Url(SecuredGateway gateway, string path) => new("http://127.0.0.1:" + gateway.HttpPort.ToString(CultureInfo.InvariantCulture) + path);
}
