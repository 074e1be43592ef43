using System.Text.Json;
using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests;

/// <summary>
/// The README's commands, run for real: mosquitto_pub sends the golden birth and a batch made by
/// gateway/tools/make_batch.py (no code from this repository on the sending side), mosquitto_sub reads the
/// retained rollup from the gateway's embedded broker. Without -i, as gateway/README.md has them: the broker assigns
/// the ids.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MosquittoClientsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Mosquitto_pub_can_send_a_birth_and_a_batch_and_mosquitto_sub_reads_the_retained_rollup()
    {
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "lab", "7");
        string port = gateway.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string birth = _dir.File("birth.json");
        string batch = _dir.File("batch.bin");
        using (JsonDocument vector = JsonDocument.Parse(await File.ReadAllTextAsync(Paths.Vector("valid/birth.json"))))
        {
            await File.WriteAllTextAsync(birth, vector.RootElement.GetProperty("payloadText").GetString());
        }

        (int exit, string bytes, string error) = await Tools.RunAsync("bash", ["-c", $"python3 {Paths.Repo("gateway/tools/make_batch.py")} --flow 7 --session 3 --first 0 1.5 2.5 4.0 > {batch}"]);
        Assert.True(exit == 0, error + bytes);

        await Pub(port, "-r", "-t", "edge/v1/lab/node/pi-01/birth", "-f", birth);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("pi-01", StringComparison.Ordinal), () => "birth seen");
        await Pub(port, "-t", "edge/v1/lab/node/pi-01/data", "-f", batch);

        (exit, string rollup, error) = await Tools.RunAsync("mosquitto_sub",
            ["-p", port, "-t", "edge/v1/lab/rollup/1s/flow/7", "-C", "1", "-W", "20"]);
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(rollup);
        Assert.Equal(3, json.RootElement.GetProperty("count").GetInt64());
        Assert.Equal(8.0, json.RootElement.GetProperty("sum").GetDouble());
        Assert.Equal((3L, 3L, 8.0), await gateway.Client.FlowAsync(7));
    }

    public void Dispose() => _dir.Dispose();

    private static async Task Pub(string port, params string[] args)
    {
        (int exit, _, string error) = await Tools.RunAsync("mosquitto_pub", ["-p", port, "-q", "1", .. args]);
        Assert.True(exit == 0, error);
    }
}
