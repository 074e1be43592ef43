using Edge.Gateway.Tests.Fixtures;
using Edge.Gateway.Tests.Scenarios;

namespace Edge.Gateway.Tests;

/// <summary>The same acceptance scenario with the gateway connected to an external Mosquitto (--broker).</summary>
[Trait("Category", "Integration")]
public sealed class MosquittoBrokerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Through_mosquitto_duplicated_reordered_and_gapped_batches_are_counted_exactly_once()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "site1", "1,2", broker.Port);
        await ExactlyOnceScenario.RunAsync(gateway, "site1", broker.Port);
    }

    public void Dispose() => _dir.Dispose();
}
