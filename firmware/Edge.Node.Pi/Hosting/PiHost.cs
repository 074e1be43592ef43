using Edge.Node.Core.Agent;

namespace Edge.Node.Pi.Hosting;

/// <summary>
/// What only the board knows. A "reboot" command restarts the node process: it stops cleanly and exits with
/// code 75, and systemd (Restart=always) starts it again, with the spill reloaded.
/// </summary>
internal sealed class PiHost(CancellationTokenSource stop) : INodeHost
{
    public const int RestartExitCode = 75;

    public bool RebootRequested { get; private set; }

    public long FreeMemory()
    {
        GCMemoryInfo info = GC.GetGCMemoryInfo();
        return Math.Max(0, info.TotalAvailableMemoryBytes - GC.GetTotalMemory(false));
    }

    public bool Reboot()
    {
        RebootRequested = true;
        stop.Cancel();
        return true;
    }
}
