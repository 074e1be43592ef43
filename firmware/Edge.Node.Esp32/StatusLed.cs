using System.Device.Gpio;
using Edge.Node.Core.Agent;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// One LED tells the agent's state: fast blink (5 Hz) while there is no broker, slow blink (1 Hz) while connected
    /// but no primary gateway is online, steady on while running (batches flow).
    /// </summary>
    public sealed class StatusLed
    {
        public const long FastPeriodMs = 200;
        public const long SlowPeriodMs = 1000;

        private readonly GpioPin _pin;
        private bool _on;

        public StatusLed(GpioController gpio, int pinNumber)
        {
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            Set(false);
        }

        public void Set(bool on)
        {
            _on = on;
            _pin.Write(on ? PinValue.High : PinValue.Low);
        }

        /// <summary>Shows <paramref name="state"/> at <paramref name="nowMs"/>; writes the pin only on a change.</summary>
        public void Show(AgentState state, long nowMs)
        {
            bool on = IsOn(state, nowMs);
            if (on != _on)
            {
                Set(on);
            }
        }

        /// <summary>Whether the LED is lit for <paramref name="state"/> at <paramref name="nowMs"/>.</summary>
        public static bool IsOn(AgentState state, long nowMs)
        {
            if (state == AgentState.Running)
            {
                return true;
            }

            long period = state == AgentState.Disconnected ? FastPeriodMs : SlowPeriodMs;
            return nowMs % period < period / 2;
        }
    }
}
