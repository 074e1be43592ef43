// Facade of the nanoFramework.System.Device.Gpio package (assembly System.Device.Gpio, 1.1.x): only what
// firmware/Edge.Node.Esp32 uses. Signatures only; every body throws.
namespace System.Device.Gpio
{
    // nanoframework/System.Device.Gpio: System.Device.Gpio/GpioController.cs
    public sealed class GpioController
    {
        // nanoframework/System.Device.Gpio: System.Device.Gpio/GpioController.cs
        public GpioController()
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Device.Gpio: System.Device.Gpio/GpioController.cs
        public GpioPin OpenPin(int pinNumber, PinMode mode)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Device.Gpio: System.Device.Gpio/GpioController.cs
        public void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
        {
            throw new NotSupportedException("facade");
        }
    }

    // nanoframework/System.Device.Gpio: System.Device.Gpio/GpioPin.cs (its constructor is internal)
    public sealed class GpioPin
    {
        // nanoframework/System.Device.Gpio: System.Device.Gpio/GpioPin.cs
        internal GpioPin(int pinNumber)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Device.Gpio: System.Device.Gpio/GpioPin.cs
        public TimeSpan DebounceTimeout
        {
            get { throw new NotSupportedException("facade"); }
            set { throw new NotSupportedException("facade"); }
        }

        // nanoframework/System.Device.Gpio: System.Device.Gpio/GpioPin.cs
        public int PinNumber
        {
            get { throw new NotSupportedException("facade"); }
        }

        // nanoframework/System.Device.Gpio: System.Device.Gpio/GpioPin.cs
        public void Write(PinValue value)
        {
            throw new NotSupportedException("facade");
        }
    }

    // nanoframework/System.Device.Gpio: System.Device.Gpio/PinMode.cs
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    // nanoframework/System.Device.Gpio: System.Device.Gpio/PinEventTypes.cs (listed in System.Device.Gpio.nfproj)
    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    // nanoframework/System.Device.Gpio: System.Device.Gpio/PinChangeEventHandler.cs (listed in System.Device.Gpio.nfproj)
    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    // nanoframework/System.Device.Gpio: System.Device.Gpio/PinValueChangedEventArgs.cs
    public class PinValueChangedEventArgs
    {
        // nanoframework/System.Device.Gpio: System.Device.Gpio/PinValueChangedEventArgs.cs
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber)
        {
            throw new NotSupportedException("facade");
        }
    }

    // nanoframework/System.Device.Gpio: System.Device.Gpio/PinValue.cs
    public readonly struct PinValue
    {
        // nanoframework/System.Device.Gpio: System.Device.Gpio/PinValue.cs
        public static PinValue High
        {
            get { throw new NotSupportedException("facade"); }
        }

        // nanoframework/System.Device.Gpio: System.Device.Gpio/PinValue.cs
        public static PinValue Low
        {
            get { throw new NotSupportedException("facade"); }
        }
    }
}
