using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Queries;
using Edge.Gateway.Hosting;

namespace Edge.Gateway.Api;

/// <summary>
/// Read-only REST for dashboards and operators, straight from the read model. Shapes are plain records
/// serialised as camelCase JSON; docs in gateway/README.md.
/// </summary>
internal static class GatewayApi
{
    public static void MapGatewayApi(this WebApplication app)
    {
        app.MapGet("/api/nodes", (GatewayQueries q) => q.Nodes());
        app.MapGet("/api/flows", (GatewayQueries q) => q.Flows());
        app.MapGet("/api/rollups", (GatewayQueries q, int? flow) => q.Rollups(flow ?? RollupRecord.Fleet));
        app.MapGet("/api/rollups/all", (GatewayQueries q) => q.Rollups(null));
        app.MapGet("/api/events", (GatewayQueries q, int? limit) => q.Events(Math.Clamp(limit ?? 100, 1, 512)));
        app.MapGet("/api/rejections", (GatewayQueries q) => q.Rejections());
        app.MapGet("/api/fleet", (GatewayQueries q, CancellationToken cancellationToken) => q.FleetAsync(cancellationToken));
        app.MapGet("/api/leader", (GatewayQueries q) => q.Leader());
        app.MapGet("/healthz", (GatewayHealth health) =>
        {
            (bool ready, object detail) = health.Check();
            return ready ? Results.Ok(detail) : Results.Json(detail, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
