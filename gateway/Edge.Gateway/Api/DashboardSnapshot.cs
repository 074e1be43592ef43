using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Failover;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ingest;

namespace Edge.Gateway.Api;

/// <summary>What one dashboard frame shows: the fleet, every flow with its owner and rate, recent events, the fleet's last 1 s rollup.</summary>
internal sealed record DashboardSnapshot(
    long TimeMs, FleetView Fleet, IReadOnlyList<DashboardFlow> Flows, IReadOnlyList<GatewayEvent> Events, RollupRecord? Rollup,
    long Rejected, int Streams)
{
    /// <summary>Streams: dashboard streams open now, this one included.</summary>
    public static DashboardSnapshot Of(GatewayRuntime gw, int streams)
    {
        FleetView fleet = FleetApi.Snapshot(gw);
        Dictionary<int, FlowOwner> owners = fleet.Owners.ToDictionary(o => o.Flow);
        IReadOnlyList<RollupRecord> latest = gw.Dispatcher.Latest(null);
        Dictionary<int, RollupRecord> tenSeconds = latest.Where(r => r.Window == "10s").ToDictionary(r => r.Flow);
        Dictionary<int, RollupRecord> oneSecond = latest.Where(r => r.Window == "1s").ToDictionary(r => r.Flow);
        var flows = gw.Options.Flows.All.OrderBy(f => f.Id).Select(def =>
        {
            FlowOwner? owner = owners.GetValueOrDefault(def.Id);
            // The 10 s window is steadier; until the first one closes, the 1 s window says something.
            double rate = tenSeconds.TryGetValue(def.Id, out RollupRecord? r) ? r.Count / 10.0
                : oneSecond.TryGetValue(def.Id, out RollupRecord? s) ? s.Count : 0;
            return new DashboardFlow(def.Id, def.Weight, owner?.Node ?? "", owner?.Epoch ?? 0, owner?.SinceMs ?? 0,
                gw.Flows.Find(def.Id)?.CommittedCount ?? 0, rate);
        }).ToList();
        RollupRecord? second = gw.Dispatcher.Latest(RollupRecord.Fleet).FirstOrDefault(r => r.Window == "1s");
        return new DashboardSnapshot(gw.Clock.GetUtcNow().ToUnixTimeMilliseconds(), fleet, flows, gw.Events.Recent(60), second,
            gw.Rejections.Counts.Values.Sum(), streams);
    }
}

/// <summary>A flows-table row: the owner is the supervisor's assignment (empty while a planned move waits for a flush).</summary>
internal sealed record DashboardFlow(int Flow, double Weight, string Owner, long Epoch, long SinceMs, long Samples, double Rate);
