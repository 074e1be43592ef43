using System.Globalization;

namespace Edge.Node.Sim.Fleet;

/// <summary>A recorded `timestamp,value` CSV replayed in a loop, one row per sequence, at a fixed period.</summary>
public sealed class TraceSource : IFlowSource
{
    private readonly double[] _values;
    private readonly long _startMs;
    private readonly long _periodMs;

    public TraceSource(int flow, string name, double[] values, long startMs, long periodMs)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("a trace needs at least one row", nameof(values));
        }

        Flow = flow;
        Name = name;
        _values = values;
        _startMs = startMs;
        _periodMs = periodMs;
    }

    public int Flow { get; }

    public string Name { get; }

    public int Rows => _values.Length;

    public static TraceSource Load(int flow, string path, long startMs, long periodMs) =>
        new(flow, Path.GetFileNameWithoutExtension(path), ReadValues(path), startMs, periodMs);

    /// <summary>The value column of a `timestamp,value` CSV (header skipped, rows that do not parse to a finite number left out).</summary>
    public static double[] ReadValues(string path)
    {
        var values = new List<double>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            int comma = line.LastIndexOf(',');
            if (comma > 0 && double.TryParse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
            {
                values.Add(v);
            }
        }

        return [.. values];
    }

    public long TimeAt(long sequence) => _startMs + (sequence * _periodMs);

    public double ValueAt(long sequence) => _values[sequence % _values.Length];
}
