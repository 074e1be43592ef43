using Edge.Node.Pi.Config;
using Edge.Node.Pi.Hosting;
using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Integration;

/// <summary>
/// A Pi node with `caFile` against the gateway with `--tls-cert`, both real processes' code paths: the certificates
/// come from the gateway's own `certs` command, the node replays a trace over TLS and every sample is committed.
/// </summary>
public sealed class PiTlsTests : IDisposable
{
    private const int Flow = 5;
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_pi_node_with_the_lab_ca_sends_over_tls_and_every_sample_is_committed()
    {
        string certs = _dir.File("tls");
        await RunCertsAsync(["certs", "ca", "--out", certs]);
        await RunCertsAsync(["certs", "server", "--dir", certs, "--host", "gw.lab.test"]);
        int tls = FreePort.Next();
        await using GatewayChild gateway = await GatewayChild.StartTlsAsync(_dir.File("gw.db"), FreePort.Next(), FreePort.Next(), Flow + ":1:pi-01", certs, tls);

        double[] values = PiNodeConfig.Values(60);
        PiConfig config = PiConfig.Load(PiNodeConfig.Write(_dir.File("pi"), "pi-01", tls, Flow, values, rate: 50));
        config.CaFile = Path.Combine(certs, "ca.crt");
        config.Validate();
        var output = new StringWriter();
        var errors = new StringWriter();
        using var stop = new CancellationTokenSource();
        using (PiNode node = PiNode.Start(config, stop, _ => throw new InvalidOperationException("no I2C in this test"), TextWriter.Synchronized(output), TextWriter.Synchronized(errors)))
        {
            await Eventually.TrueAsync(async () => (await gateway.FlowAsync(Flow)).Committed == values.Length, () => "every sample committed over TLS\n" + output + errors);
            Assert.Equal(0, node.Stop());
        }

        Assert.Contains("(TLS, CA " + config.CaFile + ")", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(values, gateway.Batches(Flow).SelectMany(b => b.Values));
    }

    public void Dispose() => _dir.Dispose();

    private static async Task RunCertsAsync(string[] args)
    {
        await using ChildProcess certs = ChildProcess.Start("dotnet", [RepoPaths.GatewayDll(), .. args]);
        Assert.True(await certs.ExitCodeAsync(60_000) == 0, string.Join(' ', args) + " failed:\n" + certs.Output());
    }
}
