using System.Globalization;
using System.Text.Json;
using Edge.Protocol;
using Edge.Security.Tests.Fixtures;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace Edge.Security.Tests.Gateway;

/// <summary>What a remote party can make the gateway remember stays bounded.</summary>
public sealed class BoundedStateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Five_thousand_fake_node_ids_stay_bounded()
    {
        const int maxNodes = 100;
        const int fakes = 5000;

        // A loopback-only gateway lets a local anonymous client in and it may publish anything: the worst case.
        // (With anonymous access off, each fake id would need its own credential.)
        await using SecuredGateway gateway = await SecuredGateway.StartAsync([], anonymous: "auto", extra: ["--max-nodes", maxNodes.ToString(CultureInfo.InvariantCulture)]);
        long before = Heap();
        using IMqttClient attacker = await Clients.ConnectAsync(gateway.MqttPort, "local-tool", null, null);
        for (int i = 0; i < fakes; i++)
        {
            string node = "fake-" + i.ToString("D4", CultureInfo.InvariantCulture);
            await attacker.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Node(SecuredGateway.Site, node, Topics.Birth))
                .WithPayload(ProtocolNode.Birth(node, 1)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build());
        }

        await Eventually.TrueAsync(async () => await NodeCountAsync(gateway) == maxNodes && await EventCountAsync(gateway, "node_limit") > 0,
            () => "the registry full and further births refused", 120_000);
        string metrics = await gateway.GetAsync("/metrics");
        int series = metrics.Split('\n').Count(l => l.Contains("node=\"fake-", StringComparison.Ordinal));
        long after = Heap();
        output.WriteLine("nodes kept " + maxNodes + " of " + fakes + "; metric lines naming a fake node: " + series
            + "; managed heap grew " + ((after - before) / 1024).ToString(CultureInfo.InvariantCulture) + " KiB (gateway, broker and test client in one process)");

        Assert.Equal(maxNodes, await NodeCountAsync(gateway));
        using JsonDocument nodes = JsonDocument.Parse(await gateway.GetAsync("/api/nodes"));
        Assert.DoesNotContain(nodes.RootElement.EnumerateArray(), n => n.GetProperty("node").GetString() == "fake-4999");
        Assert.True(series <= maxNodes * 20, series + " metric lines name fake nodes");
    }

    [Fact]
    public async Task A_forgotten_nodes_series_are_gone_from_a_live_metrics_scrape()
    {
        // An hour by default; two seconds here, so the fleet loop forgets within the test.
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"], "0-3",
            o => o.Gateway.Supervisor = o.Gateway.Supervisor with { NodeRetention = TimeSpan.FromSeconds(2) });
        await using var node = new ProtocolNode(gateway.MqttPort, "pi-01", gateway.Passwords["pi-01"]);

        // It can source only a flow this gateway does not serve, so it owns nothing and nothing keeps it.
        await node.ConnectAsync(session: 1, sources: "99");
        await Eventually.TrueAsync(async () => Scrape.Lines(await gateway.GetAsync("/metrics"), "node=\"pi-01\"") >= 5, () => "pi-01's series exported");

        await node.PublishAsync(Topics.Node(SecuredGateway.Site, "pi-01", Topics.State),
            ProtocolNode.Json(new NodeStateMessage { Online = false, Session = 1, TimestampMs = 2 }), retain: true);

        await Eventually.TrueAsync(async () => await EventCountAsync(gateway, "forgotten") == 1, () => "pi-01 forgotten");
        string metrics = await gateway.GetAsync("/metrics");
        Assert.Equal(0, Scrape.Lines(metrics, "node=\"pi-01\""));
        Assert.Equal(0, await NodeCountAsync(gateway));
        Assert.Contains("edge_fleet_live_nodes", metrics, StringComparison.Ordinal);
    }

    private static async Task<int> NodeCountAsync(SecuredGateway gateway)
    {
        using JsonDocument nodes = JsonDocument.Parse(await gateway.GetAsync("/api/nodes"));
        return nodes.RootElement.GetArrayLength();
    }

    private static async Task<int> EventCountAsync(SecuredGateway gateway, string kind)
    {
        using JsonDocument events = JsonDocument.Parse(await gateway.GetAsync("/api/events?limit=512"));
        return events.RootElement.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == kind);
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
