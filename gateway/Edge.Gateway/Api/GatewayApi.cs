using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Hosting;

namespace Edge.Gateway.Api;

/// <summary>
/// Read-only REST for dashboards and operators. Shapes are plain records serialised as camelCase JSON;
/// docs in gateway/README.md.
/// </summary>
internal static class GatewayApi
{
    public static void MapGatewayApi(this WebApplication app)
    {
        app.MapGet("/api/nodes", (GatewayRuntime gw) => gw.Sessions.Snapshot());
        app.MapGet("/api/flows", (GatewayRuntime gw) => Flows(gw));
        app.MapGet("/api/rollups", (GatewayRuntime gw, int? flow) => gw.Dispatcher.Latest(flow ?? RollupRecord.Fleet));
        app.MapGet("/api/rollups/all", (GatewayRuntime gw) => gw.Dispatcher.Latest(null));
        app.MapGet("/api/events", (GatewayRuntime gw, int? limit) => gw.Events.Recent(Math.Clamp(limit ?? 100, 1, 512)));
        app.MapGet("/api/rejections", (GatewayRuntime gw) => gw.Rejections.Counts);
        app.MapGet("/healthz", (GatewayHealth health) =>
        {
            (bool ready, object detail) = health.Check();
            return ready ? Results.Ok(detail) : Results.Json(detail, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }

    private static IEnumerable<FlowView> Flows(GatewayRuntime gw)
    {
        Dictionary<int, RollupRecord> rates = gw.Dispatcher.Latest(null).Where(r => r.Window == "10s").ToDictionary(r => r.Flow);
        return gw.Options.Flows.All.OrderBy(f => f.Id).Select(def =>
        {
            FlowSequence? seq = gw.Flows.Find(def.Id);
            double rate = rates.TryGetValue(def.Id, out RollupRecord? r) ? r.Count / 10.0 : 0;
            return new FlowView(def.Id, def.Weight, seq?.LastNode, seq?.Committed ?? 0, seq?.CommittedCount ?? 0,
                seq?.CommittedSum ?? 0, seq?.HeldCount ?? 0, rate);
        });
    }
}
