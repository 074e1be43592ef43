using System.Device.I2c;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.PowerMode;
using UnitsNet;

namespace Edge.Node.Pi.Sources;

/// <summary>
/// A Bosch BME280 environment sensor through Iot.Device.Bindings' <see cref="Bme280"/>: temperature in °C, relative
/// humidity in % or pressure in hPa. Opening it checks the chip id (0x60) and reads the calibration; the sensor then
/// runs in normal mode (it measures continuously, 125 ms standby), so a reading is the latest compensated value.
/// </summary>
internal sealed class Bme280Sensor : ISensor
{
    public const string Temperature = "temperature";
    public const string Humidity = "humidity";
    public const string Pressure = "pressure";

    private readonly Bme280 _sensor;
    private readonly string _measure;

    public Bme280Sensor(I2cDevice device, string measure)
    {
        _measure = measure;
        _sensor = new Bme280(device)
        {
            TemperatureSampling = Sampling.LowPower,
            PressureSampling = Sampling.LowPower,
            HumiditySampling = Sampling.LowPower,
        };
        _sensor.SetPowerMode(Bmx280PowerMode.Normal);
    }

    public double Read()
    {
        switch (_measure)
        {
            case Humidity:
                return _sensor.TryReadHumidity(out RelativeHumidity humidity) ? humidity.Percent : throw Skipped();
            case Pressure:
                return _sensor.TryReadPressure(out UnitsNet.Pressure pressure) ? pressure.Hectopascals : throw Skipped();
            default:
                return _sensor.TryReadTemperature(out UnitsNet.Temperature temperature) ? temperature.DegreesCelsius : throw Skipped();
        }
    }

    public void Dispose() => _sensor.Dispose();

    private IOException Skipped() => new("the BME280 skipped the " + _measure + " measurement");
}
