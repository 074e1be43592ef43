using System.Globalization;
using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Demo;

/// <summary>
/// What --demo changes: the site and flows the simulated fleet uses, a fresh database in the temp folder (so
/// every demo starts clean), a node capacity that makes four boards the recommended fleet, and the chaos API.
/// </summary>
internal static class DemoMode
{
    public const string Switch = "--demo";

    /// <summary>Removes --demo (it takes no value) and adds the demo's defaults for whatever the user did not set.</summary>
    public static string[] Arguments(string[] args, out bool demo)
    {
        demo = args.Contains(Switch);
        if (!demo)
        {
            return args;
        }

        var rest = args.Where(a => a != Switch).ToList();
        void Default(string name, string value)
        {
            if (!rest.Contains(name))
            {
                rest.Add(name);
                rest.Add(value);
            }
        }

        Default("--site", "lab");
        Default("--flows", "0-" + (DemoFleet.TraceFlows + DemoFleet.SyntheticFlows - 1).ToString(CultureInfo.InvariantCulture));
        // The fleet model: a training round a minute once the boards have history; the dashboard shows its version per flow.
        Default("--learn-every", "60");
        Default("--db", Path.Combine(Path.GetTempPath(), "edge-demo-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".db"));
        return [.. rest];
    }

    public static SupervisorOptions Supervisor(SupervisorOptions defaults) => defaults with
    {
        NodeCapacity = 80,
        Autoscale = defaults.Autoscale with { MinNodes = 3, MaxNodes = 8 },
    };

    /// <summary>POST /api/sim/{node}/{action}: kill, pause, resume, restart or corrupt a simulated board.</summary>
    public static void MapSimApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/sim/{node}/{action}", (string node, string action, DemoFleet fleet) =>
            fleet.Apply(node, action) is null ? Results.NotFound() : Results.Ok(new { node, action }));
}
