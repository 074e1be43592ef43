using System.Globalization;
using System.Text.Json;

namespace Edge.Node.Pi.Tests.Fixtures;

/// <summary>Writes a node.json and a replay CSV for a Pi node pinned to one flow, in a folder of its own.</summary>
internal static class PiNodeConfig
{
    public static double[] Values(int rows) =>
        [.. Enumerable.Range(0, rows).Select(i => Math.Round((i * 0.75) + (100 * Math.Sin(i * 0.1)), 9))];

    /// <summary>The config's path; the spill goes to &lt;folder&gt;/data/spill.</summary>
    public static string Write(string folder, string node, int brokerPort, int flow, double[] values, double rate, long statusEveryMs = 200)
    {
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, "replay.csv");
        File.WriteAllLines(csv, ["timestamp,value", .. values.Select((v, i) => (1_763_856_000_000L + (i * 100)).ToString(CultureInfo.InvariantCulture) + "," + v.ToString("R", CultureInfo.InvariantCulture))]);
        var config = new Dictionary<string, object>
        {
            ["site"] = GatewayChild.Site,
            ["node"] = node,
            ["brokers"] = new[] { "127.0.0.1:" + brokerPort.ToString(CultureInfo.InvariantCulture) },
            ["heartbeatMs"] = 500,
            ["dataDir"] = Path.Combine(folder, "data"),
            ["tickMs"] = 20,
            ["statusEveryMs"] = statusEveryMs,
            ["sources"] = new object[]
            {
                new Dictionary<string, object> { ["flow"] = flow, ["kind"] = "replay", ["file"] = "replay.csv", ["rate"] = rate, ["loop"] = false },
            },
        };
        string path = Path.Combine(folder, "node.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        return path;
    }

    public static string SpillDirectory(string configPath) => Path.Combine(Path.GetDirectoryName(configPath)!, "data", "spill");
}
