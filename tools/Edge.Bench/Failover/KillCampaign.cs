using System.Diagnostics;
using Edge.Node.Sim.Fleet;

namespace Edge.Bench.Failover;

/// <summary>
/// Kills the node serving a flow, times until all its flows are published again by their new owners, restarts
/// it as a fresh process, and repeats. Abrupt: the socket is reset (the broker fires the Will at once).
/// Silent: the link stops forwarding (a partition), so only the heartbeat detector can tell.
/// </summary>
internal sealed class KillCampaign(SimFleet fleet, DataWatcher watcher, IReadOnlyList<int> flows)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<List<double>> RunAsync(int kills, bool silent, Action<string> log)
    {
        var times = new List<double>();
        for (int i = 0; i < kills; i++)
        {
            if (!await SettledAsync().ConfigureAwait(false))
            {
                log("  fleet did not settle; skipping kill " + i);
                continue;
            }

            string? victim = watcher.Publisher(flows[i % flows.Count]);
            var board = fleet.Boards.FirstOrDefault(b => b.Id == victim && b.Alive);
            if (board is null)
            {
                continue;
            }

            var owned = flows.Where(f => watcher.Publisher(f) == victim).ToList();
            long since = Stopwatch.GetTimestamp();
            if (silent)
            {
                board.Pause();
            }
            else
            {
                board.Kill();
            }

            TimeSpan? took = await watcher.NewOwnersPublishingAsync(owned, victim!, since, Timeout).ConfigureAwait(false);
            if (took is { } t)
            {
                times.Add(t.TotalMilliseconds);
            }
            else
            {
                log("  kill " + i + ": flows of " + victim + " not published again within " + Timeout.TotalSeconds + " s");
            }

            board.Restart();
        }

        return times;
    }

    private async Task<bool> SettledAsync()
    {
        for (int i = 0; i < 200; i++)
        {
            if (watcher.AllFlowing(flows, TimeSpan.FromMilliseconds(400)) && fleet.Boards.All(b => b.Alive && !b.Paused))
            {
                await Task.Delay(300).ConfigureAwait(false);
                return true;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return false;
    }
}
