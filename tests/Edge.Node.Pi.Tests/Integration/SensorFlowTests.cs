using System.Device.I2c;
using Edge.Node.Pi.Config;
using Edge.Node.Pi.Hosting;
using Edge.Node.Pi.Tests.Fixtures;
using Edge.Node.Pi.Tests.Sources.Fakes;

namespace Edge.Node.Pi.Tests.Integration;

/// <summary>
/// The Pi node end to end with I2C sensors: the node runs in this process (so the I2C bus can be register-level fakes
/// of the chips on System.Device.I2c's abstraction, read through Iot.Device.Bindings' drivers), the gateway is a real
/// child process with its embedded broker and SQLite. The BME280's flow is committed with the datasheet's example
/// temperature; the ADS1115 that does not answer is one line on stderr and its flow simply has no data.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SensorFlowTests : IDisposable
{
    private const int TemperatureFlow = 21;
    private const int AnalogFlow = 22;
    private const string NodeId = "pi-01";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_bme280_flow_runs_from_the_i2c_bus_to_committed_samples_while_an_absent_adc_is_reported()
    {
        int mqtt = FreePort.Next();
        await using GatewayChild gateway = await GatewayChild.StartAsync(_dir.File("gw.db"), mqtt, FreePort.Next(),
            TemperatureFlow + ":1:" + NodeId + "," + AnalogFlow + ":1:" + NodeId);
        var config = new PiConfig
        {
            Site = GatewayChild.Site,
            Node = NodeId,
            Brokers = ["127.0.0.1:" + mqtt.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            HeartbeatMs = 500,
            DataDir = _dir.File("data"),
            StatusEveryMs = 0,
            Sources =
            [
                new SourceConfig { Flow = TemperatureFlow, Kind = SourceConfig.Bme280, Measure = "temperature", PeriodMs = 50 },
                new SourceConfig { Flow = AnalogFlow, Kind = SourceConfig.Ads1115, Channel = 0, PeriodMs = 50 },
            ],
        };
        config.Validate();

        var chip = new Bme280Fake();
        var absentAdc = new Ads1115Fake { BusDown = true };
        I2cDevice Bus(I2cConnectionSettings settings) => settings.DeviceAddress == 0x76 ? chip : absentAdc;
        var output = new StringWriter();
        var errors = new StringWriter();
        using var stop = new CancellationTokenSource();
        using (PiNode node = PiNode.Start(config, stop, Bus, TextWriter.Synchronized(output), TextWriter.Synchronized(errors)))
        {
            await Eventually.TrueAsync(async () => (await gateway.FlowAsync(TemperatureFlow)).Committed >= 40, () => "40 temperature samples committed\n" + output + errors);
            Assert.Equal(0, node.Stop());
        }

        var batches = gateway.Batches(TemperatureFlow);
        Assert.All(batches.SelectMany(b => b.Values), v => Assert.Equal(25.08, v, 2));
        Assert.All(batches, b => Assert.Equal(NodeId, b.Node));
        Assert.Equal((await gateway.FlowAsync(TemperatureFlow)).Committed, batches.Sum(b => b.Values.Length));
        Assert.Equal(0, (await gateway.FlowAsync(AnalogFlow)).Committed);
        Assert.Contains("edge-node: flow 22 (ads1115 AIN0 on i2c-1 at 0x48): no reading (Error 121 performing I2C data transfer.); trying again every 10 s", errors.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
