using System.Globalization;
using System.Text.Json;
using Edge.Security.Tests.Fixtures;

namespace Edge.Security.Tests.Gateway;

/// <summary>The standalone simulator logs in with credentials `nodes add` made, so it works against a secured gateway.</summary>
public sealed class SimCredentialsTests
{
    [Fact]
    public async Task A_sim_board_with_a_credential_from_nodes_add_gets_its_data_committed_on_a_gateway_that_refuses_anonymous_clients()
    {
        await using SecuredGateway gateway = await SecuredGateway.StartAsync([], "0-1", configure: null, anonymous: "deny");
        using var dir = new TempDirectory();

        // Provisioned as a user would, while the gateway runs (it reads the file again for an unknown username).
        (int code, string printed) = await ChildProcess.RunAsync("Edge.Gateway.dll", "nodes", "add", "sim-001", "--db", gateway.DatabasePath, "--site", SecuredGateway.Site);
        Assert.True(code == 0, printed);
        string[] lines = printed.Split('\n', StringSplitOptions.TrimEntries);
        string line = lines[Array.FindIndex(lines, l => l.StartsWith("Simulator", StringComparison.Ordinal)) + 1];
        Assert.StartsWith("sim-001 ", line, StringComparison.Ordinal);
        string file = dir.File("sim.credentials");
        await File.WriteAllTextAsync(file, "# sim boards\n" + line + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        long refusedBefore = gateway.Refused.BadCredentials + gateway.Refused.AnonymousRefused;
        await using ChildProcess sim = ChildProcess.Start("Edge.Node.Sim.dll", "run", "--nodes", "1", "--synthetic", "2", "--site", SecuredGateway.Site,
            "--broker", "127.0.0.1:" + gateway.MqttPort.ToString(CultureInfo.InvariantCulture), "--credentials", file, "--seconds", "120");

        await Eventually.TrueAsync(async () => await CommittedAsync(gateway) > 0 || sim.HasExited, () => "the sim board's samples committed", 90_000);
        Assert.False(sim.HasExited, "the simulator stopped: " + sim.Output);
        Assert.True(await CommittedAsync(gateway) > 0);
        Assert.True(gateway.Refused.BadCredentials + gateway.Refused.AnonymousRefused == refusedBefore, "before " + refusedBefore + "; refused: bad " + gateway.Refused.BadCredentials + ", anonymous " + gateway.Refused.AnonymousRefused + "\n" + sim.Output);
    }

    [Fact]
    public async Task The_simulator_refuses_to_start_without_a_credential_for_each_board()
    {
        using var dir = new TempDirectory();
        string file = dir.File("sim.credentials");
        await File.WriteAllTextAsync(file, "sim-001 only-one\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        (int code, string printed) = await ChildProcess.RunAsync("Edge.Node.Sim.dll", "run", "--nodes", "2", "--credentials", file, "--seconds", "1");

        Assert.NotEqual(0, code);
        Assert.Contains("no credential for sim-002", printed, StringComparison.Ordinal);
    }

    private static async Task<long> CommittedAsync(SecuredGateway gateway)
    {
        using JsonDocument flows = JsonDocument.Parse(await gateway.GetAsync("/api/flows"));
        return flows.RootElement.EnumerateArray().Sum(f => f.GetProperty("sampleCount").GetInt64());
    }
}
