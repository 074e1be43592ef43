using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests;

/// <summary>The gateway's retained state says online while it runs and, through its Will, offline when it dies.</summary>
[Trait("Category", "Integration")]
public sealed class GatewayStateTests : IDisposable
{
    private const string StateTopic = "edge/v1/site1/gateway/gw-will/state";
    private const string AnyStateTopic = "edge/v1/site1/gateway/+/state";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_killed_gateway_is_announced_offline_by_its_last_will()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        string port = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using GatewayProcess gateway = await GatewayProcess.StartAsync(_dir.File("gw.db"), 0, FreePort.Next(), "1",
            "--broker", $"mqtt://127.0.0.1:{port}", "--gateway-id", "gw-will");

        Assert.Contains("\"online\":true", await RetainedStateAsync(port), StringComparison.Ordinal);
        await gateway.KillAsync();
        await Eventually.TrueAsync(async () => (await RetainedStateAsync(port)).Contains("\"online\":false", StringComparison.Ordinal),
            () => "the Will marks the gateway offline", 30_000);
        Assert.Contains("\"gateway\":\"gw-will\"", await RetainedStateAsync(port), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_whose_broker_connection_drops_while_it_says_offline_still_stops_and_is_announced_offline()
    {
        // A CI run: the connection dropped while the stopping gateway published its offline state, and the host's
        // stop threw the client's "disconnected" instead of finishing (the Will says offline in that case anyway).
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        using var path = new Edge.Node.Sim.Fleet.FlakyLink("127.0.0.1", broker.Port);
        InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "site1", "1", path.Port);
        string port = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("\"online\":true", await RetainedStateAsync(port, AnyStateTopic), StringComparison.Ordinal);

        path.Pause();
        Task stopping = gateway.DisposeAsync().AsTask();
        await Task.Delay(1_000); // the offline state is written and waits for its PUBACK behind the stalled path
        Assert.False(stopping.IsCompleted, "the stop waits for the broker's PUBACK");
        path.Kill();

        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => (await RetainedStateAsync(port, AnyStateTopic)).Contains("\"online\":false", StringComparison.Ordinal),
            () => "the Will marks the gateway offline", 30_000);
    }

    [Fact]
    public async Task A_gateway_whose_broker_stalls_as_it_stops_still_stops_and_the_recovered_broker_has_it_offline()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        using var path = new Edge.Node.Sim.Fleet.FlakyLink("127.0.0.1", broker.Port);
        InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "site1", "1", path.Port);

        path.Pause();

        // Bounded by the gateway's own wait for its offline state's PUBACK (5 s), not by MQTTnet's keep-alive.
        await gateway.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        // The broker recovers: the offline state went out ahead of the DISCONNECT that cancels the Will.
        path.Resume();
        string port = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(async () => (await RetainedStateAsync(port, AnyStateTopic)).Contains("\"online\":false", StringComparison.Ordinal),
            () => "the recovered broker has the gateway offline", 30_000);
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<string> RetainedStateAsync(string port, string topic = StateTopic)
    {
        (int exit, string output, string error) = await Tools.RunAsync("mosquitto_sub", ["-p", port, "-t", topic, "-C", "1", "-W", "5"]);
        Assert.True(exit == 0, error);
        return output;
    }
}
