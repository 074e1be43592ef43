using System.Text.Json;
using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests.HighAvailability;

/// <summary>
/// The split brain an operator could set up before the HA mode: two gateways of one site on one broker, each with
/// its own SQLite file and no etcd. The second refuses to act as primary, says why, and takes over only when the
/// first is gone; in between only one of them ever commits and acks.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SingleModeGuardTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_second_single_mode_gateway_refuses_to_be_primary_and_never_acks()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        InProcessGateway? first = await InProcessGateway.StartAsync(_dir.File("a.db"), "lab", "1", broker.Port);
        try
        {
            await using InProcessGateway second = await InProcessGateway.LaunchAsync(_dir.File("b.db"), "lab", "1", broker.Port);
            string firstId = await IdAsync(first);
            await Eventually.TrueAsync(async () => (await second.Client.HealthBodyAsync()).Contains("\"role\":\"refused\"", StringComparison.Ordinal),
                () => "the second gateway refuses");
            string health = await second.Client.HealthBodyAsync();
            Assert.Contains(firstId + " is already primary", health, StringComparison.Ordinal);
            Assert.False(await second.Client.IsReadyAsync());

            await using var node = new TestNode("lab", "n1", broker.Port);
            await node.ConnectAsync(session: 1);
            for (int i = 0; i < 10; i++)
            {
                await node.SendBatchAsync(1, i * 10, [.. Enumerable.Range(i * 10, 10).Select(v => (double)v)]);
            }

            await Eventually.TrueAsync(() => node.AckedUpTo(1) == 100, "the primary acks everything");
            Assert.Equal((100L, 100L), await CountsAsync(first));
            Assert.Equal((0L, 0L), await CountsAsync(second));
            Assert.Empty(await AcksAsync(second));

            // The primary goes away (a clean stop says offline): the refusing gateway is the only one left and leads
            // (with its own file: what the first committed stays there, which is why a standby needs the HA mode).
            await first.DisposeAsync();
            first = null;
            await Eventually.TrueAsync(second.Client.IsReadyAsync, () => "the second gateway leads once the first is gone");
            Assert.Contains("\"role\":\"leader\"", await second.Client.HealthBodyAsync(), StringComparison.Ordinal);
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }
        }
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<string> IdAsync(InProcessGateway gateway)
    {
        using JsonDocument view = JsonDocument.Parse(await gateway.Client.GetAsync("/api/leader"));
        return view.RootElement.GetProperty("gateway").GetString()!;
    }

    private static async Task<(long Committed, long Count)> CountsAsync(InProcessGateway gateway)
    {
        (long committed, long count, _) = await gateway.Client.FlowAsync(1);
        return (committed, count);
    }

    private static async Task<List<JsonElement>> AcksAsync(InProcessGateway gateway)
    {
        using JsonDocument view = JsonDocument.Parse(await gateway.Client.GetAsync("/api/leader"));
        return [.. view.RootElement.GetProperty("acks").EnumerateArray().Select(e => e.Clone())];
    }
}
