using System.Globalization;
using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;

namespace Edge.Node.Pi.Sources;

/// <summary>
/// A flow fed by an I2C sensor, one reading per sampling period on the agent's thread. The device is opened on the
/// first reading, not at start-up, so a sensor that is absent, unpowered or miswired is a clear line on stderr
/// ("flow 21 (bme280 temperature on i2c-1 at 0x76): no answer (...); trying again every 10 s") and not a crash: the
/// node goes on serving its other flows, and the flow starts recording once the device answers. A bus error while
/// running closes the device and is reported the same way; readings resume when it comes back.
/// </summary>
internal sealed class SensorSource : ISampleFeed, IDisposable
{
    public const long RetryMs = 10_000;

    private readonly Func<ISensor> _open;
    private readonly SampleTimer _timer;
    private readonly TextWriter _errors;
    private ISensor? _sensor;
    private long _retryAtMs = long.MinValue;
    private string? _lastError;

    public SensorSource(int flow, string description, double ratePerSecond, Func<ISensor> open, TextWriter errors)
    {
        Flow = flow;
        Description = description;
        _timer = new SampleTimer(ratePerSecond);
        _open = open;
        _errors = errors;
    }

    public int Flow { get; }

    /// <summary>What the operator wired, e.g. "bme280 temperature on i2c-1 at 0x76".</summary>
    public string Description { get; }

    public long Readings { get; private set; }

    public long Failures { get; private set; }

    public bool Connected => _sensor is not null;

    public void Feed(NodeAgent agent, long nowMs)
    {
        if (!_timer.Due(nowMs) || (_sensor is null && nowMs < _retryAtMs))
        {
            return;
        }

        try
        {
            _sensor ??= _open();
            double value = _sensor.Read();
            Readings++;
            if (_lastError is not null)
            {
                _errors.WriteLine("edge-node: flow " + Flow.ToString(CultureInfo.InvariantCulture) + " (" + Description + "): answering again");
                _lastError = null;
            }

            if (agent.IsServing(Flow))
            {
                agent.Record(Flow, nowMs, value);
            }
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException or PlatformNotSupportedException or InvalidOperationException or DllNotFoundException)
        {
            Failures++;
            _sensor?.Dispose();
            _sensor = null;
            _retryAtMs = nowMs + RetryMs;
            string message = e.Message.ReplaceLineEndings(" ");
            if (message != _lastError)
            {
                // One line per change of state, not one per period: a sensor left unplugged does not flood the journal.
                _errors.WriteLine("edge-node: flow " + Flow.ToString(CultureInfo.InvariantCulture) + " (" + Description + "): no reading (" + message
                    + "); trying again every " + (RetryMs / 1000).ToString(CultureInfo.InvariantCulture) + " s");
                _lastError = message;
            }
        }
    }

    public void Dispose() => _sensor?.Dispose();
}
