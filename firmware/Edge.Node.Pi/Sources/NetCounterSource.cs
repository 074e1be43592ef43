using System.Globalization;
using Edge.Node.Core.Agent;
using Edge.Node.Core.Sensing;
using Edge.Node.Mqtt;

namespace Edge.Node.Pi.Sources;

/// <summary>
/// Bytes through a network interface per step, from /sys/class/net/&lt;if&gt;/statistics/&lt;counter&gt;. The
/// counter is cumulative; the core's ArrivalMeter turns readings into per-step deltas and takes a reading below
/// the last one as a restarted counter (driver reload, wrap). The first reading only sets the baseline. A delta
/// the store cannot take is carried into the next sample, so no byte goes uncounted.
/// </summary>
internal sealed class NetCounterSource : ISampleFeed
{
    private readonly ArrivalMeter _meter = new(8);
    private readonly SampleTimer _timer;
    private readonly string _path;
    private bool _primed;
    private long _carry;

    public NetCounterSource(int flow, string networkInterface, string counter, double rate, string sysfsRoot = "/sys/class/net")
    {
        Flow = flow;
        _timer = new SampleTimer(rate);
        _path = Path.Combine(sysfsRoot, networkInterface, "statistics", counter);
    }

    public int Flow { get; }

    public string CounterPath => _path;

    public void Feed(NodeAgent agent, long nowMs)
    {
        if (!_timer.Due(nowMs) || !TryRead(out long counter))
        {
            return;
        }

        _meter.ObserveCounter(counter);
        long delta = _meter.CloseStep() + _carry;
        _carry = 0;
        if (!_primed)
        {
            _primed = true;
            return;
        }

        if (agent.IsServing(Flow) && !agent.Record(Flow, nowMs, delta))
        {
            _carry = delta;
        }
    }

    private bool TryRead(out long counter)
    {
        counter = 0;
        try
        {
            string text = File.ReadAllText(_path);
            return long.TryParse(text.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out counter);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The interface is gone (USB adapter unplugged): no reading this step.
            return false;
        }
    }
}
