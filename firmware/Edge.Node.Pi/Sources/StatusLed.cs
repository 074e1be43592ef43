using System.Device.Gpio;
using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;

namespace Edge.Node.Pi.Sources;

/// <summary>
/// The status LED, driven from the agent's thread each tick: fast blink = no broker, slow blink = connected and
/// waiting for a gateway, steady on = running. Without an LED pin it does nothing.
/// </summary>
internal sealed class StatusLed : ISampleFeed, IDisposable
{
    private readonly GpioController? _gpio;
    private readonly int _pin;
    private bool? _lit;

    public StatusLed(GpioController? gpio, int pin)
    {
        _gpio = gpio;
        _pin = pin;
        _gpio?.OpenPin(pin, PinMode.Output);
    }

    public static StatusLed None { get; } = new(null, 0);

    public static bool IsLit(AgentState state, long nowMs) => state switch
    {
        AgentState.Running => true,
        AgentState.WaitingForGateway => nowMs / 500 % 2 == 0,
        _ => nowMs / 100 % 2 == 0,
    };

    public void Feed(NodeAgent agent, long nowMs)
    {
        if (_gpio is null)
        {
            return;
        }

        bool lit = IsLit(agent.State, nowMs);
        if (lit != _lit)
        {
            _gpio.Write(_pin, lit ? PinValue.High : PinValue.Low);
            _lit = lit;
        }
    }

    public void Dispose()
    {
        if (_gpio is not null)
        {
            _gpio.Write(_pin, PinValue.Low);
            _gpio.ClosePin(_pin);
        }
    }
}
