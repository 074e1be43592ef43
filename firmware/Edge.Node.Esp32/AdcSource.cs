using System.Device.Adc;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// One raw reading of an ADC1 channel per step (0..MaxValue, 12 bits on the ESP32). ADC1 only: ADC2 is taken by the
    /// WiFi radio. Channel n of ADC1 is a fixed pin (channel 6 is GPIO 34), see hardware/esp32-devkitc.
    /// </summary>
    public sealed class AdcSource : IStepSource
    {
        private readonly AdcChannel _channel;

        public AdcSource(AdcController adc, int channel)
        {
            _channel = adc.OpenChannel(channel);
        }

        public double TakeStep()
        {
            return _channel.ReadValue();
        }
    }
}
