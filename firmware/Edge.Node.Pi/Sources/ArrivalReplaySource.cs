using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;

namespace Edge.Node.Pi.Sources;

/// <summary>
/// A recorded trace played as an arrival rate rather than as sample values: row n lasts 1/rate seconds and brings
/// value x scale arrivals per second, each recorded as one sample carrying the row's value. A burst in the trace is
/// then a burst of samples, which is what the node's predictor and buffer are for. Arrivals are spread evenly over
/// the row (fractions carry over), a paused agent does not come back with more than one second of them, and the
/// trace starts at row 0 on every start (sequences go on from the restored buffer).
/// </summary>
internal sealed class ArrivalReplaySource : ISampleFeed
{
    private readonly double[] _values;
    private readonly double _rowsPerSecond;
    private readonly double _scale;
    private readonly bool _loop;
    private long _startMs = long.MinValue;
    private long _lastMs;
    private double _credit;

    public ArrivalReplaySource(int flow, double[] values, double rowsPerSecond, double scale, bool loop)
    {
        if (values.Length == 0)
        {
            throw new InvalidDataException("a replay needs at least one row");
        }

        Flow = flow;
        _values = values;
        _rowsPerSecond = rowsPerSecond;
        _scale = scale;
        _loop = loop;
    }

    public int Flow { get; }

    /// <summary>Arrivals recorded so far.</summary>
    public long Arrivals { get; private set; }

    /// <summary>The row playing at <paramref name="nowMs"/>; -1 past the end of a trace that does not loop.</summary>
    public long Row(long nowMs)
    {
        long row = _startMs == long.MinValue ? 0 : (long)((nowMs - _startMs) * _rowsPerSecond / 1000);
        return _loop ? row % _values.Length : row < _values.Length ? row : -1;
    }

    public void Feed(NodeAgent agent, long nowMs)
    {
        if (_startMs == long.MinValue)
        {
            _startMs = nowMs;
            _lastMs = nowMs;
            return;
        }

        long row = Row(nowMs);
        if (row < 0 || nowMs <= _lastMs)
        {
            return;
        }

        double rate = Math.Max(0, _values[row] * _scale);
        _credit = Math.Min(_credit + ((nowMs - _lastMs) * rate / 1000), Math.Max(1, rate));
        _lastMs = nowMs;
        while (_credit >= 1 && agent.IsServing(Flow) && agent.Record(Flow, nowMs, _values[row]))
        {
            _credit -= 1;
            Arrivals++;
        }
    }
}
