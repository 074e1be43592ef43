using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Edge.Gateway.Mqtt;
using Edge.Protocol;

namespace Edge.Bench.Micro;

/// <summary>
/// What watchers cost the embedded broker. Home Assistant subscribes to each node's state and telemetry topics one
/// by one, so a fleet of N nodes brings 2N watcher filters. "match": the question the gateway asks of every message
/// (does a watcher's filter match its topic?), against the same question with no watcher at all. "subscribe": Home
/// Assistant's 2N subscriptions, against the fleet's N nodes each subscribing to its own topics.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class WatcherBenchmarks
{
    private const string Site = "lab";
    private readonly BrokerSubscriptions _none = new(Site);
    private BrokerSubscriptions _perNode = null!;
    private string[] _nodes = null!;
    private string[] _inboxes = null!;
    private string[] _watched = null!;
    private string _data = null!;

    [Params(100, 1000, 10_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _nodes = [.. Enumerable.Range(0, Nodes).Select(i => "pi-" + i.ToString(CultureInfo.InvariantCulture))];
        _inboxes = [.. _nodes.Select(node => Topics.NodeInbox(Site, node))];
        _watched = [.. _nodes.SelectMany(node => new[] { Topics.Node(Site, node, Topics.State), Topics.Node(Site, node, Topics.Telemetry) })];
        _perNode = (BrokerSubscriptions)HomeAssistantSubscribes();
        _data = Topics.Node(Site, _nodes[Nodes / 2], Topics.Data);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("match")]
    public bool NoWatcher() => _none.Watched(_data);

    [Benchmark]
    [BenchmarkCategory("match")]
    public bool PerNodeWatchers() => _perNode.Watched(_data);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("subscribe")]
    public object NodesSubscribeToTheirOwn()
    {
        var subscriptions = new BrokerSubscriptions(Site);
        for (int i = 0; i < _nodes.Length; i++)
        {
            subscriptions.Subscribed(_nodes[i], _inboxes[i]);
        }

        return subscriptions;
    }

    [Benchmark]
    [BenchmarkCategory("subscribe")]
    public object HomeAssistantSubscribes()
    {
        var subscriptions = new BrokerSubscriptions(Site);
        foreach (string topic in _watched)
        {
            subscriptions.Subscribed("homeassistant", topic);
        }

        return subscriptions;
    }
}
