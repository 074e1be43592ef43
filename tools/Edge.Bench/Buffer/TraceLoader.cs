using System.Globalization;

namespace Edge.Bench.Buffer;

/// <summary>Reads NAB-style <c>timestamp,value</c> CSVs and scales values to integer arrivals per step.</summary>
internal static class TraceLoader
{
    public static IReadOnlyList<Trace> LoadAll(string directory, double meanArrivals)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No trace directory at {Path.GetFullPath(directory)}.");
        }

        return Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => Load(path, Path.GetRelativePath(directory, path).Replace('\\', '/'), meanArrivals))
            .ToList();
    }

    /// <summary>
    /// Timestamps are ignored (one row a step, as the bench defines virtual time); values are scaled so the trace's
    /// mean is <paramref name="meanArrivals"/>. Scaling by the whole trace's mean is a choice of units, the same for
    /// every strategy, not information a strategy can use.
    /// </summary>
    public static Trace Load(string path, string name, double meanArrivals)
    {
        var values = new List<double>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            int comma = line.LastIndexOf(',');
            if (comma < 0)
            {
                continue;
            }

            if (double.TryParse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && double.IsFinite(value))
            {
                values.Add(Math.Max(0.0, value));
            }
        }

        double mean = values.Count == 0 ? 0.0 : values.Average();
        double scale = mean > 0.0 ? meanArrivals / mean : 0.0;
        int[] arrivals = values.Select(v => (int)Math.Round(v * scale)).ToArray();
        return new Trace(name, arrivals, mean);
    }
}
