// Facade of the nanoFramework.System.Device.Adc package (assembly System.Device.Adc): only what
// firmware/Edge.Node.Esp32 uses. Signatures only; every body throws.
namespace System.Device.Adc
{
    // nanoframework/System.Device.Adc: System.Device.Adc/AdcController.cs
    public sealed class AdcController
    {
        // nanoframework/System.Device.Adc: System.Device.Adc/AdcController.cs
        public AdcController()
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Device.Adc: System.Device.Adc/AdcController.cs
        public AdcChannel OpenChannel(int channelNumber)
        {
            throw new NotSupportedException("facade");
        }
    }

    // nanoframework/System.Device.Adc: System.Device.Adc/AdcChannel.cs (its constructor is internal)
    public class AdcChannel
    {
        // nanoframework/System.Device.Adc: System.Device.Adc/AdcChannel.cs
        internal AdcChannel(AdcController controller, int channelNumber)
        {
            throw new NotSupportedException("facade");
        }

        // nanoframework/System.Device.Adc: System.Device.Adc/AdcChannel.cs
        public int ReadValue()
        {
            throw new NotSupportedException("facade");
        }
    }
}
