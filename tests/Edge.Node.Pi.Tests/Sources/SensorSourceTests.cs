using Edge.Node.Pi.Hosting;
using Edge.Node.Pi.Sources;
using Edge.Node.Pi.Tests.Fixtures;
using Edge.Node.Pi.Tests.Sources.Fakes;

namespace Edge.Node.Pi.Tests.Sources;

/// <summary>
/// The BME280 and ADS1115 flows through Iot.Device.Bindings' own drivers, talking to register-level fakes of the two
/// chips on System.Device.I2c's I2cDevice: conversion as the datasheets define it, and a clear line, never an
/// exception, when the device is absent, is another chip, or the bus fails while running.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SensorSourceTests
{
    private const int Flow = 21;

    [Fact]
    public void The_bme280_gives_the_datasheet_example_temperature_and_pressure()
    {
        var chip = new Bme280Fake();
        using var temperature = new Bme280Sensor(chip, Bme280Sensor.Temperature);
        using var pressure = new Bme280Sensor(new Bme280Fake(), Bme280Sensor.Pressure);

        Assert.Equal(0b11, chip.Mode);
        Assert.Equal(25.08, temperature.Read(), 2);
        Assert.Equal(1006.5327, pressure.Read(), 2);
    }

    [Fact]
    public void The_bme280_humidity_follows_the_datasheet_compensation()
    {
        var chip = new Bme280Fake { AdcH = 27_500 };
        using var humidity = new Bme280Sensor(chip, Bme280Sensor.Humidity);

        Assert.Equal(DatasheetHumidity(27_500, Bme280Fake.ExampleAdcT, 75, 362, 0, 313, 50, 30), humidity.Read(), 6);
    }

    [Theory]
    [InlineData(2, 1.25, 4.096, 1, 0, 1.25)]
    [InlineData(0, 1.25, 4.096, 2, -0.5, 2.0)]
    [InlineData(3, 0.1, 0.256, 100, 0, 10.0)]
    [InlineData(1, 9.0, 4.096, 1, 0, 4.096 * 32767 / 32768)]
    [InlineData(1, -9.0, 2.048, 1, 0, -2.048)]
    public void The_ads1115_reads_the_chosen_input_in_volts_then_scales_it(int channel, double volts, double range, double scale, double offset, double expected)
    {
        var chip = new Ads1115Fake();
        chip.Inputs[channel] = volts;
        chip.Inputs[(channel + 1) % 4] = 3.3;
        using var sensor = new Ads1115Sensor(chip, channel, range, scale, offset);

        Assert.Equal(expected, sensor.Read(), 9);
        Assert.True(chip.Conversions > 0);
    }

    [Fact]
    public void A_sensor_flow_records_one_reading_per_period_into_the_agent()
    {
        var node = AgentHarness.Serving(Flow);
        var chip = new Bme280Fake();
        using var source = new SensorSource(Flow, "bme280 temperature on i2c-1 at 0x76", 2, () => new Bme280Sensor(chip, Bme280Sensor.Temperature), TextWriter.Null);

        for (long t = 0; t < 2_000; t += 100)
        {
            source.Feed(node.Agent, t);
        }

        Assert.Equal(4, node.Held(Flow).Count);
        Assert.All(node.Held(Flow), h => Assert.Equal(25.08, h.Value, 2));
    }

    [Fact]
    public void An_absent_device_is_one_clear_line_and_no_exception_and_the_flow_starts_once_it_answers()
    {
        var node = AgentHarness.Serving(Flow);
        var chip = new Bme280Fake { BusDown = true };
        var errors = new StringWriter();
        using var source = new SensorSource(Flow, "bme280 temperature on i2c-1 at 0x76", 10, () => new Bme280Sensor(chip, Bme280Sensor.Temperature), errors);

        for (long t = 0; t < 30_000; t += 100)
        {
            source.Feed(node.Agent, t);
        }

        Assert.Equal(["edge-node: flow 21 (bme280 temperature on i2c-1 at 0x76): no reading (Error 121 performing I2C data transfer.); trying again every 10 s"], Lines(errors));
        Assert.Equal(3, source.Failures);
        Assert.Empty(node.Held(Flow));

        chip.BusDown = false;
        for (long t = 30_000; t < 41_000; t += 100)
        {
            source.Feed(node.Agent, t);
        }

        Assert.True(source.Connected);
        Assert.Contains("edge-node: flow 21 (bme280 temperature on i2c-1 at 0x76): answering again", Lines(errors));
        Assert.NotEmpty(node.Held(Flow));
    }

    [Fact]
    public void Another_chip_at_the_address_is_refused_with_the_drivers_own_words()
    {
        var node = AgentHarness.Serving(Flow);
        var errors = new StringWriter();
        using var source = new SensorSource(Flow, "bme280 humidity on i2c-1 at 0x77", 1, () => new Bme280Sensor(new Bme280Fake(address: 0x77, chipId: 0x58), Bme280Sensor.Humidity), errors);

        source.Feed(node.Agent, 0);

        string line = Assert.Single(Lines(errors));
        Assert.StartsWith("edge-node: flow 21 (bme280 humidity on i2c-1 at 0x77): no reading (", line, StringComparison.Ordinal);
        Assert.Contains("96", line, StringComparison.Ordinal);
        Assert.Empty(node.Held(Flow));
    }

    [Fact]
    public void A_bus_failure_while_running_is_reported_once_and_readings_resume_when_the_bus_is_back()
    {
        var node = AgentHarness.Serving(Flow);
        var chip = new Ads1115Fake();
        chip.Inputs[0] = 2.5;
        var errors = new StringWriter();
        using var source = new SensorSource(Flow, "ads1115 AIN0 on i2c-1 at 0x48", 10, () => new Ads1115Sensor(chip, 0, 4.096, 1, 0), errors);

        for (long t = 0; t < 1_000; t += 100)
        {
            source.Feed(node.Agent, t);
        }

        int before = node.Held(Flow).Count;
        chip.BusDown = true;
        for (long t = 1_000; t < 15_000; t += 100)
        {
            source.Feed(node.Agent, t);
        }

        Assert.Equal(before, node.Held(Flow).Count);
        Assert.Single(Lines(errors), l => l.Contains("no reading (Error 121", StringComparison.Ordinal));

        chip.BusDown = false;
        for (long t = 15_000; t < 25_000; t += 100)
        {
            source.Feed(node.Agent, t);
        }

        Assert.True(node.Held(Flow).Count > before);
        Assert.All(node.Held(Flow), h => Assert.Equal(2.5, h.Value, 9));
    }

    [Fact]
    public void The_factory_names_each_sensor_by_kind_input_bus_and_address()
    {
        Assert.Equal("bme280 pressure on i2c-1 at 0x77", SourceFactory.Describe(new Edge.Node.Pi.Config.SourceConfig { Kind = "bme280", Measure = "pressure", Address = 0x77 }));
        Assert.Equal("ads1115 AIN3 on i2c-0 at 0x48", SourceFactory.Describe(new Edge.Node.Pi.Config.SourceConfig { Kind = "ads1115", Channel = 3, Bus = 0 }));
    }

    /// <summary>BME280 datasheet section 8.1, "Compensation formulas in double precision floating point".</summary>
    private static double DatasheetHumidity(int adcH, int adcT, int h1, int h2, int h3, int h4, int h5, int h6)
    {
        int[] c = Bme280Fake.BmpExample;
        double var1 = ((adcT / 16384.0) - (c[0] / 1024.0)) * c[1];
        double var2 = ((adcT / 131072.0) - (c[0] / 8192.0)) * ((adcT / 131072.0) - (c[0] / 8192.0)) * c[2];
        double tFine = (int)(var1 + var2);
        double h = tFine - 76800.0;
        h = (adcH - ((h4 * 64.0) + (h5 / 16384.0 * h))) * (h2 / 65536.0 * (1.0 + (h6 / 67108864.0 * h * (1.0 + (h3 / 67108864.0 * h)))));
        h *= 1.0 - (h1 * h / 524288.0);
        return Math.Clamp(h, 0, 100);
    }

    private static List<string> Lines(StringWriter writer) =>
        [.. writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

}
