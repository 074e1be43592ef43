using System.Globalization;

namespace Edge.Security.Tests.Fixtures;

/// <summary>Reads values out of a Prometheus text scrape of the gateway's /metrics.</summary>
internal static class Scrape
{
    /// <summary>The value of the series named exactly <paramref name="series"/> (with its labels, as printed), or 0 when absent.</summary>
    public static double Value(string metrics, string series)
    {
        foreach (string line in metrics.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>Lines (not comments) that mention <paramref name="text"/>.</summary>
    public static int Lines(string metrics, string text) =>
        metrics.Split('\n').Count(l => !l.StartsWith('#') && l.Contains(text, StringComparison.Ordinal));
}
