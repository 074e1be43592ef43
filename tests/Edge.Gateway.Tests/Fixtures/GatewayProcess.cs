using System.Diagnostics;
using System.Globalization;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>The gateway as a real child process (dotnet Edge.Gateway.dll ...), so it can be killed with SIGKILL.</summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, int httpPort)
    {
        _process = process;
        Client = new GatewayClient(httpPort);
    }

    public GatewayClient Client { get; }

    public static async Task<GatewayProcess> StartAsync(string db, int mqttPort, int httpPort, string flows, params string[] extra)
    {
        // Port 0: an external broker comes in through extra (--broker), so there is no embedded port to give.
        string[] port = mqttPort == 0 ? [] : ["--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture)];
        string[] args =
        [
            Paths.GatewayDll(), .. port,
            "--http-port", httpPort.ToString(CultureInfo.InvariantCulture), "--db", db, "--site", "site1", "--flows", flows,
            "--log-level", "Warning", .. extra,
        ];
        var process = Process.Start(new ProcessStartInfo("dotnet", args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("gateway did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayProcess(process, httpPort);
        await Eventually.TrueAsync(async () => process.HasExited || await gateway.Client.IsReadyAsync(), () => "gateway process ready", 60_000);
        Assert.False(process.HasExited, "the gateway process exited at start");
        return gateway;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>SIGSTOP: the process freezes with its sockets open (a long GC pause, a frozen VM); nothing notices but timeouts.</summary>
    public void Pause() => Edge.Tests.Shared.Processes.Signals.Send(_process.Id, Edge.Tests.Shared.Processes.Signals.Stop);

    /// <summary>SIGCONT: it carries on from the instruction it was stopped at.</summary>
    public void Resume() => Edge.Tests.Shared.Processes.Signals.Send(_process.Id, Edge.Tests.Shared.Processes.Signals.Continue);

    /// <summary>SIGKILL: no shutdown hooks, no final commit, no offline state but the Will.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Resume();
            await KillAsync();
        }

        _process.Dispose();
        Client.Dispose();
    }
}
