using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Edge.Security.Tests.Fixtures;

namespace Edge.Security.Tests.Tls;

/// <summary>With a server certificate the dashboard and REST API answer HTTPS only, with the lab's certificate, and the host check still holds.</summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task Https_answers_with_the_lab_certificate()
    {
        using var tls = new LabTls();
        await using SecuredGateway gateway = await SecuredGateway.StartTlsAsync(tls, ["pi-01"]);
        X509Certificate2? seen = null;
        using HttpClient https = tls.HttpsClient(c => seen = c);

        using HttpResponseMessage response = await https.GetAsync(gateway.Url("/api/nodes"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(seen);
        Assert.Equal(tls.Ca.Subject, seen.Issuer);
        seen.Dispose();
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_lab_ca_refuses_the_dashboard_and_plain_http_gets_nothing()
    {
        using var tls = new LabTls();
        await using SecuredGateway gateway = await SecuredGateway.StartTlsAsync(tls, ["pi-01"]);
        using var stranger = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        await Assert.ThrowsAsync<HttpRequestException>(() => stranger.GetAsync(gateway.Url("/api/nodes")));
        Assert.False(await PlainHttpSucceedsAsync(stranger, new Uri("http://127.0.0.1:" + gateway.HttpPort.ToString(CultureInfo.InvariantCulture) + "/api/nodes")));
    }

    [Fact]
    public async Task Over_https_a_dns_rebinding_page_still_cannot_read_the_api()
    {
        using var tls = new LabTls();
        await using SecuredGateway gateway = await SecuredGateway.StartTlsAsync(tls, ["pi-01"]);
        using HttpClient https = tls.HttpsClient(checkName: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Url("/api/nodes"));
        request.Headers.Host = "attacker.example:" + gateway.HttpPort.ToString(CultureInfo.InvariantCulture);
        using var post = new HttpRequestMessage(HttpMethod.Post, gateway.Url("/api/sim/sim-001/kill"));
        post.Headers.Add("Origin", "http://127.0.0.1:" + gateway.HttpPort.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await https.SendAsync(request)).StatusCode);
        // The page's origin is https now: the http:// one of the same host and port is another origin.
        Assert.Equal(HttpStatusCode.Forbidden, (await https.SendAsync(post)).StatusCode);
    }

    private static async Task<bool> PlainHttpSucceedsAsync(HttpClient client, Uri url)
    {
        try
        {
            using HttpResponseMessage response = await client.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
