using System;
using System.Device.Gpio;
using System.Threading;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// Counts rising edges on a GPIO (an S0 pulse output, a reed contact, a flow meter). The edge callback runs on
    /// nanoFramework's event thread and only increments a counter; the main loop takes the count once per step, so
    /// each recorded sample is "pulses in this step".
    /// </summary>
    public sealed class PulseSource : IStepSource
    {
        private const long TicksPerMillisecond = 10000;

        private readonly GpioPin _pin;
        private int _count;

        public PulseSource(GpioController gpio, int pinNumber, int debounceMs)
        {
            // External pull-down on the board (hardware/esp32-devkitc); the internal one only helps when it is missing.
            _pin = gpio.OpenPin(pinNumber, PinMode.InputPullDown);
            _pin.DebounceTimeout = new TimeSpan(debounceMs * TicksPerMillisecond);
            gpio.RegisterCallbackForPinValueChangedEvent(pinNumber, PinEventTypes.Rising, OnEdge);
        }

        public int PinNumber
        {
            get { return _pin.PinNumber; }
        }

        public double TakeStep()
        {
            return Interlocked.Exchange(ref _count, 0);
        }

        private void OnEdge(object sender, PinValueChangedEventArgs e)
        {
            Interlocked.Increment(ref _count);
        }
    }
}
