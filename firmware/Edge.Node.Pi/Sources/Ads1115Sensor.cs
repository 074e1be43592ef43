using System.Device.I2c;
using Iot.Device.Ads1115;

namespace Edge.Node.Pi.Sources;

/// <summary>
/// One single-ended input (AIN0 - AIN3 against GND) of a TI ADS1115 16-bit ADC through Iot.Device.Bindings'
/// <see cref="Ads1115"/>, in single-shot mode (one conversion per reading), scaled to the sensor's unit:
/// value = volts x scale + offset (a 0.5 - 4.5 V pressure transmitter, a 4 - 20 mA loop over a shunt, a divider).
/// </summary>
internal sealed class Ads1115Sensor(I2cDevice device, int channel, double fullScaleVolts, double scale, double offset) : ISensor
{
    private readonly Ads1115 _adc = new(device, Input(channel), Range(fullScaleVolts), DataRate.SPS128, DeviceMode.PowerDown);

    /// <summary>The full-scale ranges of the PGA, in volts (datasheet table "Full-Scale Range and LSB Size").</summary>
    public static readonly double[] Ranges = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256];

    public double Read() => (_adc.ReadVoltage().Volts * scale) + offset;

    public void Dispose()
    {
        try
        {
            _adc.Dispose();
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            // The binding writes the comparator registers back on dispose; a dead bus refuses that. Close the handle anyway.
            device.Dispose();
        }
    }

    private static InputMultiplexer Input(int channel) => channel switch
    {
        0 => InputMultiplexer.AIN0,
        1 => InputMultiplexer.AIN1,
        2 => InputMultiplexer.AIN2,
        _ => InputMultiplexer.AIN3,
    };

    private static MeasuringRange Range(double volts) => volts switch
    {
        6.144 => MeasuringRange.FS6144,
        4.096 => MeasuringRange.FS4096,
        2.048 => MeasuringRange.FS2048,
        1.024 => MeasuringRange.FS1024,
        0.512 => MeasuringRange.FS0512,
        _ => MeasuringRange.FS0256,
    };
}
