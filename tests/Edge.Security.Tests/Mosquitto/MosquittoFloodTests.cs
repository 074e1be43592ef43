using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Edge.Gateway;
using Microsoft.AspNetCore.Builder;
using Edge.Security.Tests.Fixtures;
using Edge.Security.Tests.Gateway;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace Edge.Security.Tests.Mosquitto;

/// <summary>
/// Mosquitto has no per-client publish rate, so behind it a flooding node is not throttled at the broker: what keeps
/// the others' heartbeats judged fairly is the gateway itself (heartbeats stamped on arrival and judged in their own
/// lane, silence excused while the gateway cannot listen).
/// </summary>
public sealed class MosquittoFloodTests(ITestOutputHelper output)
{
    private const int Nodes = 12;

    [Fact]
    public async Task On_mosquitto_an_unthrottled_one_client_flood_causes_no_false_failover()
    {
        string[] ids = [.. Enumerable.Range(1, Nodes).Select(i => "pi-" + i.ToString("D2", CultureInfo.InvariantCulture))];
        await using SecuredMosquitto broker = await SecuredMosquitto.StartAsync([.. ids, "flood-01"], []);
        int http = FreePort.Next();
        string[] args =
        [
            "--broker", "mqtt://127.0.0.1:" + broker.Port.ToString(CultureInfo.InvariantCulture), "--http-port", http.ToString(CultureInfo.InvariantCulture),
            "--db", broker.DatabasePath, "--site", SecuredGateway.Site, "--flows", "0-" + (Nodes - 1).ToString(CultureInfo.InvariantCulture),
            "--gateway-id", SecuredMosquitto.GatewayId, "--log-level", "Warning",
        ];
        await using WebApplication app = GatewayApp.Build(args);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + http.ToString(CultureInfo.InvariantCulture)) };
        Task<string> Get(string path) => client.GetStringAsync(new Uri(path, UriKind.Relative));
        await Eventually.TrueAsync(async () => (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode, () => "gateway ready behind mosquitto");

        var fleet = ids.Select(id => new ProtocolNode(broker.Port, id, broker.Passwords[id])).ToList();
        using var stop = new CancellationTokenSource();
        Task beating = Task.CompletedTask;
        try
        {
            await Task.WhenAll(fleet.Select(n => n.ConnectAsync(session: 1)));
            beating = Task.Run(() => FloodTests.HeartbeatAsync(fleet, stop.Token));
            await Eventually.TrueAsync(async () => (await FloodTests.OwnersAsync(Get)) is { Count: Nodes } o && o.Values.Distinct().Count() == Nodes,
                () => "one flow per node", 60_000);
            Dictionary<int, string> before = await FloodTests.OwnersAsync(Get);

            long sent = 0;
            double worstPhi = 0;
            using (IMqttClient flooder = await Clients.ConnectAsync(broker.Port, "flood-01", "flood-01", broker.Passwords["flood-01"]))
            {
                var clock = Stopwatch.StartNew();
                var message = new MqttApplicationMessageBuilder().WithTopic("edge/v1/lab/node/flood-01/telemetry").WithPayload("flood")
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build();
                while (clock.Elapsed < TimeSpan.FromSeconds(5))
                {
                    var burst = new Task[500];
                    for (int i = 0; i < burst.Length; i++)
                    {
                        burst[i] = flooder.PublishAsync(message);
                    }

                    await Task.WhenAll(burst);
                    sent += burst.Length;
                    if (sent % 5000 == 0)
                    {
                        worstPhi = Math.Max(worstPhi, await FloodTests.WorstPhiAsync(Get));
                    }
                }
            }

            for (int i = 0; i < 6; i++)
            {
                await Task.Delay(500);
                worstPhi = Math.Max(worstPhi, await FloodTests.WorstPhiAsync(Get));
            }

            string metrics = await Get("/metrics");
            output.WriteLine("flood through mosquitto: " + sent + " publishes in 5 s (not throttled), gateway rejections: "
                + Scrape.Value(metrics, "edge_gateway_messages_total{kind=\"rejected\"}") + "; worst phi of the " + Nodes
                + " heartbeating nodes meanwhile: " + worstPhi.ToString("F2", CultureInfo.InvariantCulture));
            Assert.True(sent > 5000, "not a flood: " + sent);
            Assert.Equal(0, Scrape.Value(metrics, "edge_failovers_total"));
            Assert.Equal(before, await FloodTests.OwnersAsync(Get));
            using JsonDocument view = JsonDocument.Parse(await Get("/api/fleet"));
            Assert.All(view.RootElement.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("online", n.GetProperty("state").GetString()));
            Assert.Equal(0, await FloodTests.EventCountAsync(Get, "failover"));
        }
        finally
        {
            await stop.CancelAsync();
            await FloodTests.Quietly(beating);
            foreach (ProtocolNode node in fleet)
            {
                await node.DisposeAsync();
            }

            await app.StopAsync();
        }
    }
}
