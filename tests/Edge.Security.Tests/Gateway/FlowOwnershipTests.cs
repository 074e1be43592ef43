using System.Text.Json;
using Edge.Security.Tests.Fixtures;

namespace Edge.Security.Tests.Gateway;

/// <summary>A node with a valid credential and a live session still speaks only for the flows it owns.</summary>
public sealed class FlowOwnershipTests
{
    [Fact]
    public async Task A_node_cannot_write_into_a_flow_it_does_not_own()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01", "pi-02"]);
        await using var owner = new ProtocolNode(gateway.MqttPort, "pi-01", gateway.Passwords["pi-01"]);
        await owner.ConnectAsync(session: 1);
        await Eventually.TrueAsync(async () => await OwnerOfAsync(gateway, 0) == "pi-01", () => "flow 0 placed on pi-01");

        // The attacker is a provisioned node with a live session; it says it can source only flow 3, so the
        // balancer never hands it flow 0, and it writes ahead of the owner there: what would make the owner's
        // real samples look like duplicates.
        await using var attacker = new ProtocolNode(gateway.MqttPort, "pi-02", gateway.Passwords["pi-02"]);
        await attacker.ConnectAsync(session: 1, sources: "3");
        await Eventually.TrueAsync(async () => (await gateway.GetAsync("/api/nodes")).Contains("pi-02", StringComparison.Ordinal), () => "pi-02 born");
        for (int i = 0; i < 5; i++)
        {
            await attacker.SendBatchAsync(0, i * 4L, [666, 666, 666, 666]);
        }

        double[] real = [.. Enumerable.Range(1, 20).Select(i => (double)i)];
        for (int i = 0; i < 5; i++)
        {
            await owner.SendBatchAsync(0, i * 4L, real[(i * 4)..((i * 4) + 4)]);
        }

        await Eventually.TrueAsync(() => owner.AckedUpTo(0) == 20, () => "the owner's samples all acked (acked up to " + owner.AckedUpTo(0) + ")");
        using (JsonDocument flows = JsonDocument.Parse(await gateway.GetAsync("/api/flows")))
        {
            JsonElement flow = flows.RootElement.EnumerateArray().Single(f => f.GetProperty("flow").GetInt32() == 0);
            Assert.Equal(20, flow.GetProperty("sampleCount").GetInt64());
            Assert.Equal(real.Sum(), flow.GetProperty("valueSum").GetDouble());
            Assert.Equal("pi-01", flow.GetProperty("owner").GetString()); // the last node whose batch was taken
        }

        string metrics = await gateway.GetAsync("/metrics");
        Assert.Equal(0, Scrape.Value(metrics, "edge_gateway_duplicate_batches_total"));
        Assert.Equal(5, Scrape.Value(metrics, "edge_gateway_rejected_total{reason=\"not_owner\"}"));
        Assert.Equal(20, Scrape.Value(metrics, "edge_gateway_samples_committed_total"));
        Assert.Equal(0, attacker.AckedUpTo(0));
    }

    /// <summary>The flow's owner as the fleet says (GET /api/fleet), or null.</summary>
    internal static async Task<string?> OwnerOfAsync(SecuredGateway gateway, int flow)
    {
        using JsonDocument fleet = JsonDocument.Parse(await gateway.GetAsync("/api/fleet"));
        foreach (JsonElement owner in fleet.RootElement.GetProperty("owners").EnumerateArray())
        {
            if (owner.GetProperty("flow").GetInt32() == flow)
            {
                return owner.GetProperty("node").GetString();
            }
        }

        return null;
    }
}
