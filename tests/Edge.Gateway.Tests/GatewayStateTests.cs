using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests;

/// <summary>The gateway's retained state says online while it runs and, through its Will, offline when it dies.</summary>
[Trait("Category", "Integration")]
public sealed class GatewayStateTests : IDisposable
{
    private const string StateTopic = "edge/v1/site1/gateway/gw-will/state";
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

    public void Dispose() => _dir.Dispose();

    private static async Task<string> RetainedStateAsync(string port)
    {
        (int exit, string output, string error) = await Tools.RunAsync("mosquitto_sub", ["-p", port, "-t", StateTopic, "-C", "1", "-W", "5"]);
        Assert.True(exit == 0, error);
        return output;
    }
}
