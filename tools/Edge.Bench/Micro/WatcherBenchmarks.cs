using System.Globalization;
using BenchmarkDotNet.Attributes;
using Edge.Gateway.Mqtt;
using Edge.Protocol;

namespace Edge.Bench.Micro;

/// <summary>
/// What a watcher costs every message the embedded broker takes: the gateway asks, per message, whether any watcher's
/// filter matches its topic. Home Assistant subscribes to each node's state and telemetry topics one by one, so a
/// fleet of N nodes brings 2N watcher filters. Baseline: the same question with no watcher at all.
/// </summary>
[MemoryDiagnoser]
public class WatcherBenchmarks
{
    private const string Site = "lab";
    private readonly BrokerSubscriptions _none = new(Site);
    private BrokerSubscriptions _perNode = null!;
    private string _data = null!;

    [Params(100, 1000, 10_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _perNode = new BrokerSubscriptions(Site);
        for (int i = 0; i < Nodes; i++)
        {
            string node = "pi-" + i.ToString(CultureInfo.InvariantCulture);
            _perNode.Subscribed("homeassistant", Topics.Node(Site, node, Topics.State));
            _perNode.Subscribed("homeassistant", Topics.Node(Site, node, Topics.Telemetry));
        }

        _data = Topics.Node(Site, "pi-" + (Nodes / 2).ToString(CultureInfo.InvariantCulture), Topics.Data);
    }

    [Benchmark(Baseline = true)]
    public bool NoWatcher() => _none.Watched(_data);

    [Benchmark]
    public bool PerNodeWatchers() => _perNode.Watched(_data);
}
