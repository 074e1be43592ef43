using System.Globalization;
using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Demo;

/// <summary>
/// What --demo changes where the user did not say otherwise: the site and flows the simulated fleet uses, a fresh
/// database in the temp folder (so every demo starts clean), a node capacity that makes four boards the
/// recommended fleet, and the chaos API.
/// </summary>
internal static class DemoMode
{
    public static string Site => Edge.Protocol.Topics.DefaultSite;

    public static FlowCatalog Flows => FlowCatalog.Parse("0-" + (DemoFleet.TraceFlows + DemoFleet.SyntheticFlows - 1).ToString(CultureInfo.InvariantCulture));

    public static string DatabasePath() =>
        Path.Combine(Path.GetTempPath(), "edge-demo-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".db");

    /// <summary>The fleet model: a training round a minute once the boards have history; the dashboard shows its version per flow.</summary>
    public static readonly TimeSpan LearnEvery = TimeSpan.FromSeconds(60);

    public static SupervisorOptions Supervisor(SupervisorOptions options, bool nodeCapacityGiven) => options with
    {
        NodeCapacity = nodeCapacityGiven ? options.NodeCapacity : 80,
        Autoscale = options.Autoscale with { MinNodes = 3, MaxNodes = 8 },
    };

    /// <summary>POST /api/sim/{node}/{action}: kill, pause, resume, restart or corrupt a simulated board.</summary>
    public static void MapSimApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/sim/{node}/{action}", (string node, string action, DemoFleet fleet) =>
            fleet.Apply(node, action) is null ? Results.NotFound() : Results.Ok(new { node, action }));
}
