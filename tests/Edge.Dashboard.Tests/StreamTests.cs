using System.Net;
using System.Text.Json;
using Edge.Dashboard.Tests.Fixtures;

namespace Edge.Dashboard.Tests;

/// <summary>GET /api/stream: Server-Sent Events carrying one JSON snapshot each, with a cap on open streams.</summary>
[Trait("Category", "Integration")]
[Collection(DemoCollection.Name)]
public sealed class StreamTests(DemoGateway demo)
{
    private static readonly Uri Stream = new("api/stream", UriKind.Relative);

    [Fact]
    public async Task Each_event_is_a_snapshot_with_the_fleet_the_flows_and_the_events()
    {
        // Slots of streams another test closed free up at the server's next write, within a second or so.
        HttpResponseMessage? opened = null;
        await demo.WaitForAsync(async () =>
        {
            opened?.Dispose();
            opened = await demo.Http.GetAsync(new Uri(demo.Url, Stream), HttpCompletionOption.ResponseHeadersRead);
            return opened.StatusCode == HttpStatusCode.OK;
        }, "a dashboard stream", TimeSpan.FromSeconds(10));
        using HttpResponseMessage response = opened!;
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        using JsonDocument first = JsonDocument.Parse(await NextDataAsync(reader));
        using JsonDocument second = JsonDocument.Parse(await NextDataAsync(reader));

        JsonElement fleet = first.RootElement.GetProperty("fleet");
        Assert.True(fleet.GetProperty("nodes").GetArrayLength() >= 3);
        Assert.True(first.RootElement.GetProperty("flows").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Array, first.RootElement.GetProperty("events").ValueKind);
        Assert.True(second.RootElement.GetProperty("timeMs").GetInt64() > first.RootElement.GetProperty("timeMs").GetInt64());
    }

    [Fact]
    public async Task Streams_past_the_cap_are_refused_and_a_closed_one_frees_its_slot()
    {
        var open = new List<HttpResponseMessage>();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            HttpResponseMessage refused;
            while (true)
            {
                HttpResponseMessage r = await client.GetAsync(new Uri(demo.Url, Stream), HttpCompletionOption.ResponseHeadersRead);
                if (r.StatusCode != HttpStatusCode.OK)
                {
                    refused = r;
                    break;
                }

                open.Add(r);
                Assert.True(open.Count <= 64, "no cap on dashboard streams");
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            refused.Dispose();
            open[0].Dispose();
            open.RemoveAt(0);
            await demo.WaitForAsync(async () =>
            {
                HttpResponseMessage again = await client.GetAsync(new Uri(demo.Url, Stream), HttpCompletionOption.ResponseHeadersRead);
                if (again.StatusCode == HttpStatusCode.OK)
                {
                    open.Add(again);
                    return true;
                }

                again.Dispose();
                return false;
            }, "a stream slot freed by a disconnected client", TimeSpan.FromSeconds(10));
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }

        // Leave the gateway as found, every slot free (the snapshot counts open streams, its own included), so
        // the next test's page gets its stream at once.
        await demo.WaitForAsync(async () =>
        {
            using HttpResponseMessage r = await client.GetAsync(new Uri(demo.Url, Stream), HttpCompletionOption.ResponseHeadersRead);
            if (r.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var reader = new StreamReader(await r.Content.ReadAsStreamAsync());
            using JsonDocument snapshot = JsonDocument.Parse(await NextDataAsync(reader));
            return snapshot.RootElement.GetProperty("streams").GetInt32() == 1;
        }, "every stream slot free again", TimeSpan.FromSeconds(15));
    }

    private static async Task<string> NextDataAsync(StreamReader reader)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("the stream ended");
    }
}
