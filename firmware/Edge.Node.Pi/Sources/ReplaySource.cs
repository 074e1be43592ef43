using System.Globalization;
using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;

namespace Edge.Node.Pi.Sources;

/// <summary>
/// A recorded timestamp,value CSV played as live data at <c>rate</c> rows per second, stamped with the current
/// time. Row n is sequence n (modulo the rows when looping), so after a restart the node goes on exactly where
/// its restored buffer ends, and a flow taken over from another node continues at its resumeFrom row.
/// </summary>
internal sealed class ReplaySource : ISampleFeed
{
    private readonly double[] _values;
    private readonly double _rate;
    private readonly bool _loop;
    private long _lastMs = long.MinValue;
    private double _credit;

    public ReplaySource(int flow, double[] values, double rate, bool loop)
    {
        if (values.Length == 0)
        {
            throw new InvalidDataException("a replay needs at least one row");
        }

        Flow = flow;
        _values = values;
        _rate = rate;
        _loop = loop;
    }

    public int Flow { get; }

    public int Rows => _values.Length;

    /// <summary>Values from a CSV whose last column is the value; a header or an unreadable row is skipped.</summary>
    public static double[] ReadValues(string path)
    {
        var values = new List<double>();
        foreach (string line in File.ReadLines(path))
        {
            int comma = line.LastIndexOf(',');
            if (double.TryParse(line.AsSpan(comma + 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
            {
                values.Add(v);
            }
        }

        return [.. values];
    }

    public void Feed(NodeAgent agent, long nowMs)
    {
        if (_lastMs != long.MinValue && nowMs > _lastMs)
        {
            // At most one second of rows at once: a paused agent does not come back with a burst.
            _credit = Math.Min(_credit + ((nowMs - _lastMs) * _rate / 1000), Math.Max(1, _rate));
        }

        _lastMs = nowMs;
        long next = agent.NextRecordSequence(Flow);
        while (_credit >= 1 && next >= 0 && (_loop || next < _values.Length)
            && agent.Offer(Flow, nowMs, _values[next % _values.Length]))
        {
            next++;
            _credit -= 1;
        }
    }
}
