using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Tests.Failover;
using Edge.Gateway.Tests.Fixtures;
using Edge.Node.Core.Prediction;
using Edge.Node.Sim.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace Edge.Gateway.Tests.Learning;

[Trait("Category", "Integration")]
[Collection(FleetCollection.Name)]
public sealed class FleetModelTests
{
    [Fact]
    public async Task A_model_the_gateway_trains_reaches_the_simulated_boards_through_retained_config_and_they_run_it()
    {
        using var dir = new TempDirectory();
        await using var gateway = await InProcessGateway.StartAsync(dir.File("gateway.db"), "lab", "0-1", null, "--learn-every", "3");
        long start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var options = new FleetOptions { Site = "lab", Nodes = 2, BrokerPort = gateway.MqttPort, SamplesPerSecond = 100, BatchMs = 100 };
        using var fleet = new SimFleet(options, FlowSources.Synthetic(2, start), TimeProvider.System);
        fleet.Start();
        GatewayQueries queries = gateway.Services.GetRequiredService<GatewayRuntime>().Queries;

        // The gateway pushes a model only once it beats the boards' classical predictor on recent data it did not
        // train on; then every board loads it for itself and each of its lanes.
        await Eventually.TrueAsync(() => queries.Learning().LiveVersion >= 1, "the gateway pushed a model", 90_000);
        long version = queries.Learning().LiveVersion;
        await Eventually.TrueAsync(
            () => fleet.Boards.All(b => b.Inspect(a => a.ModelVersion, 0L) >= version),
            "every board runs the pushed model", 30_000);
        foreach (VirtualBoard board in fleet.Boards)
        {
            Assert.Equal("learned", board.Inspect(a => a.Sizer.Predictor.Name, ""));
            Assert.True(board.Inspect(a => a.Sizer.LanePredictor(0) is LearnedPeakPredictor { HasWeights: true }, false));
        }

        // The dashboard shows each flow's model version and, once fresh data has come in, its live error.
        await Eventually.TrueAsync(async () =>
        {
            DashboardSnapshot snapshot = await queries.DashboardAsync(0, CancellationToken.None);
            return snapshot.Flows.All(f => f.ModelVersion >= 1 && f.ModelError is not null);
        }, () => "every flow's row shows the model and its live error", 60_000);
    }
}
