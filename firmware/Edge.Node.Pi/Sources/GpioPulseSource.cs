using System.Device.Gpio;
using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;

namespace Edge.Node.Pi.Sources;

/// <summary>
/// Pulses on a GPIO input (an S0 energy or water meter, a reed switch) per step: a rising-edge callback counts,
/// each step records how many came in. Pulses that arrive while the node does not serve the flow are dropped
/// with the step; a count the store cannot take is carried into the next one.
/// </summary>
internal sealed class GpioPulseSource : ISampleFeed, IDisposable
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly SampleTimer _timer;
    private readonly PulseCounter _counter;
    private long _carry;

    public GpioPulseSource(int flow, GpioController gpio, int pin, string pull, double rate, int debounceMs)
    {
        Flow = flow;
        _gpio = gpio;
        _pin = pin;
        _timer = new SampleTimer(rate);
        _counter = new PulseCounter(debounceMs * System.Diagnostics.Stopwatch.Frequency / 1000);
        PinMode mode = pull switch
        {
            "up" => PinMode.InputPullUp,
            "none" => PinMode.Input,
            _ => PinMode.InputPullDown,
        };
        _gpio.OpenPin(pin, mode);
        _gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising, OnEdge);
    }

    public int Flow { get; }

    public void Feed(NodeAgent agent, long nowMs)
    {
        if (!_timer.Due(nowMs))
        {
            return;
        }

        long pulses = _counter.Take() + _carry;
        _carry = 0;
        if (agent.IsServing(Flow) && !agent.Record(Flow, nowMs, pulses))
        {
            _carry = pulses;
        }
    }

    public void Dispose()
    {
        _gpio.UnregisterCallbackForPinValueChangedEvent(_pin, OnEdge);
        _gpio.ClosePin(_pin);
    }

    private void OnEdge(object sender, PinValueChangedEventArgs e) => _counter.Edge(System.Diagnostics.Stopwatch.GetTimestamp());
}
