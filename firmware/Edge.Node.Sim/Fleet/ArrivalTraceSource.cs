namespace Edge.Node.Sim.Fleet;

/// <summary>
/// A trace replayed as an arrival rate, which is what a burst is for Edge (pulses, packets, events): each row lasts
/// <c>rowMs</c> and brings samples at its value scaled so the whole trace averages <c>meanRate</c> samples a second,
/// each sample carrying the row's value. Deterministic per sequence (the cumulative count is precomputed once), so
/// a node that takes a flow over replays exactly what the previous owner would have sent.
/// </summary>
public sealed class ArrivalTraceSource : IFlowSource
{
    private readonly double[] _values;
    private readonly double[] _rates;
    private readonly double[] _cumulative;
    private readonly long _startMs;
    private readonly long _rowMs;

    /// <summary>Rows of <paramref name="values"/> last <paramref name="rowMs"/> each; <paramref name="firstRow"/> is where the replay starts (the demo starts shortly before a trace's first burst).</summary>
    public ArrivalTraceSource(int flow, string name, double[] values, long startMs, long rowMs, double meanRate, int firstRow = 0)
    {
        if (values.Length == 0 || rowMs <= 0 || !(meanRate > 0) || values.Any(v => v < 0 || !double.IsFinite(v)))
        {
            throw new ArgumentException("an arrival trace needs finite, non-negative rows, a positive row length and a positive mean rate");
        }

        double mean = values.Average();
        Flow = flow;
        Name = name;
        _startMs = startMs;
        _rowMs = rowMs;
        int rows = values.Length;
        _values = new double[rows];
        _rates = new double[rows];
        _cumulative = new double[rows];
        double total = 0;
        for (int i = 0; i < rows; i++)
        {
            _values[i] = values[(firstRow + i) % rows];
            _rates[i] = mean > 0 ? _values[i] / mean * meanRate : meanRate;
            total += _rates[i] * rowMs / 1000.0;
            _cumulative[i] = total;
        }
    }

    public int Flow { get; }

    public string Name { get; }

    public int Rows => _values.Length;

    /// <summary>Arrivals per second during row <paramref name="row"/> of the replay.</summary>
    public double RateAt(int row) => _rates[row % _rates.Length];

    private double LoopArrivals => _cumulative[^1];

    private long LoopMs => _rowMs * _values.Length;

    public long Due(FlowClock clock, long nowMs)
    {
        long elapsed = clock.Elapsed(nowMs);
        long loops = elapsed / LoopMs;
        long within = elapsed - (loops * LoopMs);
        int row = (int)(within / _rowMs);
        double before = row == 0 ? 0 : _cumulative[row - 1];
        return (long)((loops * LoopArrivals) + before + (_rates[row] * (within - ((long)row * _rowMs)) / 1000.0));
    }

    /// <summary>When sample <paramref name="sequence"/> arrives: the moment the cumulative count reaches sequence + 1.</summary>
    public long TimeAt(long sequence)
    {
        var (loops, row, into) = Locate(sequence);
        long inRowMs = _rates[row] > 0 ? (long)Math.Ceiling(into / _rates[row] * 1000.0) : 0;
        return _startMs + (loops * LoopMs) + ((long)row * _rowMs) + Math.Min(inRowMs, _rowMs - 1);
    }

    public double ValueAt(long sequence) => _values[Locate(sequence).Row];

    private (long Loops, int Row, double Into) Locate(long sequence)
    {
        double target = sequence + 1;
        long loops = (long)Math.Floor((target - 1e-9) / LoopArrivals);
        double rest = target - (loops * LoopArrivals);
        int row = Array.BinarySearch(_cumulative, rest);
        row = row >= 0 ? row : Math.Min(~row, _cumulative.Length - 1);
        double before = row == 0 ? 0 : _cumulative[row - 1];
        return (loops, row, rest - before);
    }
}
