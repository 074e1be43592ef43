using System.Device.Gpio;
using System.Device.I2c;
using System.Globalization;
using Edge.Node.Mqtt;
using Edge.Node.Pi.Config;
using Edge.Node.Pi.Sources;

namespace Edge.Node.Pi.Hosting;

/// <summary>
/// Builds the configured sources. What the config cannot know is checked here, at start-up, and refused with one
/// line naming the flow and what to do (an InvalidDataException): a replay file that is not there, an interface the
/// machine does not have, GPIO without libgpiod. The GPIO controller is opened only when a source or the LED needs
/// it; I2C sensors open their device on their first reading (absent sensors are reported, not fatal).
/// </summary>
internal sealed class SourceFactory(Func<I2cConnectionSettings, I2cDevice> openI2c, TextWriter errors) : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private GpioController? _gpio;

    public SourceFactory()
        : this(I2cDevice.Create, Console.Error)
    {
    }

    public IReadOnlyList<ISampleFeed> Create(PiConfig config)
    {
        var feeds = new List<ISampleFeed>();
        foreach (SourceConfig source in config.Sources)
        {
            feeds.Add(source.Kind switch
            {
                SourceConfig.NetCounter => NetCounter(source),
                SourceConfig.GpioPulse => Own(Gpio("source for flow " + Flow(source) + ": gpio-pulse on pin " + source.Pin, gpio => new GpioPulseSource(source.Flow, gpio, source.Pin!.Value, source.Pull, source.SamplesPerSecond, source.DebounceMs))),
                SourceConfig.Bme280 or SourceConfig.Ads1115 => Own(Sensor(source)),
                _ => Replay(source),
            });
        }

        feeds.Add(config.LedPin is int pin ? Own(Gpio("ledPin " + pin.ToString(CultureInfo.InvariantCulture), gpio => new StatusLed(gpio, pin))) : StatusLed.None);
        return feeds;
    }

    public void Dispose()
    {
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        _gpio?.Dispose();
    }

    /// <summary>"bme280 temperature on i2c-1 at 0x76": how the operator finds the part on the bench.</summary>
    public static string Describe(SourceConfig source) =>
        source.Kind + " " + (source.Kind == SourceConfig.Bme280 ? source.Measure : "AIN" + source.Channel.ToString(CultureInfo.InvariantCulture))
        + " on i2c-" + source.Bus.ToString(CultureInfo.InvariantCulture) + " at 0x" + source.I2cAddress.ToString("x2", CultureInfo.InvariantCulture);

    private SensorSource Sensor(SourceConfig source)
    {
        var settings = new I2cConnectionSettings(source.Bus, source.I2cAddress);
        Func<ISensor> open = source.Kind == SourceConfig.Bme280
            ? () => new Bme280Sensor(openI2c(settings), source.Measure)
            : () => new Ads1115Sensor(openI2c(settings), source.Channel, source.Range, source.Scale, source.Offset);
        return new SensorSource(source.Flow, Describe(source), source.SamplesPerSecond, open, errors);
    }

    private static NetCounterSource NetCounter(SourceConfig source)
    {
        string folder = Path.Combine(source.SysfsRoot, source.Interface!);
        if (!Directory.Exists(folder))
        {
            string have = Directory.Exists(source.SysfsRoot) ? string.Join(", ", Directory.GetFileSystemEntries(source.SysfsRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal)) : "none";
            throw new InvalidDataException("source for flow " + Flow(source) + ": interface " + source.Interface + " does not exist (this machine has: " + have + ")");
        }

        return new NetCounterSource(source.Flow, source.Interface!, source.Counter, source.SamplesPerSecond, source.SysfsRoot);
    }

    private static ISampleFeed Replay(SourceConfig source)
    {
        double[] values;
        try
        {
            values = ReplaySource.ReadValues(source.File!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException("source for flow " + Flow(source) + ": cannot read replay file " + source.File + " (" + e.Message + ")", e);
        }

        if (values.Length == 0)
        {
            throw new InvalidDataException("source for flow " + Flow(source) + ": replay file " + source.File + " has no timestamp,value rows");
        }

        return source.Mode == SourceConfig.ModeArrivals
            ? new ArrivalReplaySource(source.Flow, values, source.SamplesPerSecond, source.Scale, source.Loop)
            : new ReplaySource(source.Flow, values, source.SamplesPerSecond, source.Loop);
    }

    private T Gpio<T>(string what, Func<GpioController, T> open)
    {
        try
        {
            _gpio ??= new GpioController();
            return open(_gpio);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // libgpiod missing, no /dev/gpiochip0, no permission, pin taken: whatever System.Device.Gpio says, one line.
            throw new InvalidDataException(what + ": GPIO is not available (" + e.Message.ReplaceLineEndings(" ")
                + "); on a Raspberry Pi install libgpiod (apt-get install libgpiod2) and run as a member of the gpio group, or remove it from the config", e);
        }
    }

    private static string Flow(SourceConfig source) => source.Flow.ToString(CultureInfo.InvariantCulture);

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
