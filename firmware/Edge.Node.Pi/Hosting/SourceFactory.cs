using System.Device.Gpio;
using Edge.Node.Mqtt;
using Edge.Node.Pi.Config;
using Edge.Node.Pi.Sources;

namespace Edge.Node.Pi.Hosting;

/// <summary>Builds the configured sources; the GPIO controller is opened only when a source or the LED needs it.</summary>
internal sealed class SourceFactory : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private GpioController? _gpio;

    public IReadOnlyList<ISampleFeed> Create(PiConfig config)
    {
        var feeds = new List<ISampleFeed>();
        foreach (SourceConfig source in config.Sources)
        {
            feeds.Add(source.Kind switch
            {
                SourceConfig.NetCounter => new NetCounterSource(source.Flow, source.Interface!, source.Counter, source.Rate, source.SysfsRoot),
                SourceConfig.GpioPulse => Own(new GpioPulseSource(source.Flow, Gpio(), source.Pin!.Value, source.Pull, source.Rate, source.DebounceMs)),
                _ => new ReplaySource(source.Flow, ReplaySource.ReadValues(source.File!), source.Rate, source.Loop),
            });
        }

        feeds.Add(config.LedPin is int pin ? Own(new StatusLed(Gpio(), pin)) : StatusLed.None);
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

    private GpioController Gpio() => _gpio ??= new GpioController();

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
