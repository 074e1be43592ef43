using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Edge.Security.Tests.Fixtures;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace Edge.Security.Tests.Gateway;

/// <summary>One client flooding must not starve the others' heartbeats: no node is suspected, no flow moves.</summary>
public sealed class FloodTests(ITestOutputHelper output)
{
    private const int Nodes = 12;

    /// <summary>
    /// Behind Mosquitto, which has no per-client publish rate, the flood is not throttled at the broker: every message
    /// reaches the gateway, and what keeps the others' heartbeats judged fairly is the gateway itself (heartbeats
    /// stamped on arrival and judged in their own lane, silence excused while it cannot listen).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_one_client_flood_causes_no_false_failover_and_the_fleet_keeps_its_owners(bool behindMosquitto)
    {
        string[] ids = [.. Enumerable.Range(1, Nodes).Select(i => "pi-" + i.ToString("D2", CultureInfo.InvariantCulture))];
        string flows = "0-" + (Nodes - 1).ToString(CultureInfo.InvariantCulture);
        await using SecuredGateway gateway = behindMosquitto
            ? await SecuredGateway.StartBehindMosquittoAsync([.. ids, "flood-01"], flows: flows)
            : await SecuredGateway.StartAsync([.. ids, "flood-01"], flows, configure: null);
        var fleet = ids.Select(id => new ProtocolNode(gateway.MqttPort, id, gateway.Passwords[id])).ToList();
        using var stop = new CancellationTokenSource();
        Task beating = Task.CompletedTask;
        try
        {
            // Born together, so the first placement gives each node one flow and nothing needs rebalancing later.
            await Task.WhenAll(fleet.Select(n => n.ConnectAsync(session: 1)));
            beating = Task.Run(() => HeartbeatAsync(fleet, stop.Token));
            await Eventually.TrueAsync(async () => (await OwnersAsync(gateway)) is { Count: Nodes } o && o.Values.Distinct().Count() == Nodes,
                () => "one flow per node", 60_000);
            Dictionary<int, string> before = await OwnersAsync(gateway);
            double failoversBefore = Scrape.Value(await gateway.GetAsync("/metrics"), "edge_failovers_total");

            // The flood: a provisioned client publishing on its own topic as fast as it can, for five seconds.
            long sent = 0;
            double worstPhi = 0;
            using (IMqttClient flooder = await Clients.ConnectAsync(gateway.MqttPort, "flood-01", "flood-01", gateway.Passwords["flood-01"]))
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
                        worstPhi = Math.Max(worstPhi, await WorstPhiAsync(gateway));
                    }
                }
            }

            // Heartbeats go on a while after: a node starved during the flood would be found now.
            for (int i = 0; i < 6; i++)
            {
                await Task.Delay(500);
                worstPhi = Math.Max(worstPhi, await WorstPhiAsync(gateway));
            }

            string metrics = await gateway.GetAsync("/metrics");
            string broker = behindMosquitto
                ? "through mosquitto (not throttled), rejected by the gateway: " + Scrape.Value(metrics, "edge_gateway_messages_total{kind=\"rejected\"}")
                : "throttled at the broker: " + gateway.Refused.Throttled;
            output.WriteLine("flood: " + sent + " publishes in 5 s, " + broker + "; worst phi of the " + Nodes + " heartbeating nodes meanwhile: "
                + worstPhi.ToString("F2", CultureInfo.InvariantCulture));
            Assert.True(behindMosquitto ? sent > 5000 : gateway.Refused.Throttled > 0, "not a flood: " + broker);
            Assert.Equal(failoversBefore, Scrape.Value(metrics, "edge_failovers_total"));
            Assert.Equal(0, Scrape.Value(metrics, "edge_failovers_total"));
            Assert.Equal(before, await OwnersAsync(gateway));
            using JsonDocument view = JsonDocument.Parse(await gateway.GetAsync("/api/fleet"));
            Assert.All(view.RootElement.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("online", n.GetProperty("state").GetString()));
            Assert.Equal(0, await EventCountAsync(gateway, "failover"));
        }
        finally
        {
            await stop.CancelAsync();
            await Quietly(beating);
            foreach (ProtocolNode node in fleet)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task HeartbeatAsync(List<ProtocolNode> fleet, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000));
        do
        {
            await Task.WhenAll(fleet.Select(n => n.ReportAsync(rate: 0, forecast: 0)));
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private static async Task<Dictionary<int, string>> OwnersAsync(SecuredGateway gateway)
    {
        using JsonDocument fleet = JsonDocument.Parse(await gateway.GetAsync("/api/fleet"));
        return fleet.RootElement.GetProperty("owners").EnumerateArray()
            .Where(o => o.GetProperty("node").GetString() is { Length: > 0 })
            .ToDictionary(o => o.GetProperty("flow").GetInt32(), o => o.GetProperty("node").GetString()!);
    }

    private static async Task<double> WorstPhiAsync(SecuredGateway gateway)
    {
        using JsonDocument fleet = JsonDocument.Parse(await gateway.GetAsync("/api/fleet"));
        return fleet.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("phi").GetDouble()).DefaultIfEmpty(0).Max();
    }

    private static async Task<int> EventCountAsync(SecuredGateway gateway, string kind)
    {
        using JsonDocument events = JsonDocument.Parse(await gateway.GetAsync("/api/events?limit=512"));
        return events.RootElement.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == kind);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
