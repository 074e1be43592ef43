using Edge.Node.Pi.Sources;
using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Sources;

[Trait("Category", "Unit")]
public sealed class NetCounterSourceTests : IDisposable
{
    private const int Flow = 2;
    private readonly TempDirectory _sysfs = new();

    [Fact]
    public void Each_step_records_the_bytes_counted_since_the_last_one_from_a_fake_sysfs()
    {
        var node = AgentHarness.Serving(Flow);
        var source = new NetCounterSource(Flow, "eth0", "rx_bytes", rate: 1, _sysfs.Path);
        Counter("eth0", "rx_bytes", 1_000_000);
        source.Feed(node.Agent, 0);
        Counter("eth0", "rx_bytes", 1_000_500);
        source.Feed(node.Agent, 500);
        source.Feed(node.Agent, 1000);
        Counter("eth0", "rx_bytes", 1_002_000);
        source.Feed(node.Agent, 2000);

        Assert.Equal([(0L, 1000L, 500.0), (1L, 2000L, 1500.0)], node.Held(Flow));
    }

    [Fact]
    public void A_counter_that_went_backwards_counts_as_restarted_not_as_a_negative_step()
    {
        var node = AgentHarness.Serving(Flow);
        var source = new NetCounterSource(Flow, "wlan0", "tx_bytes", rate: 1, _sysfs.Path);
        Counter("wlan0", "tx_bytes", 90_000);
        source.Feed(node.Agent, 0);
        Counter("wlan0", "tx_bytes", 300);
        source.Feed(node.Agent, 1000);

        Assert.Equal([300.0], node.Held(Flow).Select(h => h.Value));
    }

    [Fact]
    public void Nothing_is_recorded_for_a_flow_the_node_does_not_serve_or_an_interface_that_is_gone()
    {
        var node = new AgentHarness();
        var source = new NetCounterSource(Flow, "eth0", "rx_bytes", rate: 1, _sysfs.Path);
        source.Feed(node.Agent, 0);
        Counter("eth0", "rx_bytes", 10);
        source.Feed(node.Agent, 1000);
        Counter("eth0", "rx_bytes", 20);
        source.Feed(node.Agent, 2000);

        Assert.Equal(-1, node.Agent.NextRecordSequence(Flow));
        Assert.Equal(0, node.Agent.Dropped);
    }

    public void Dispose() => _sysfs.Dispose();

    private void Counter(string networkInterface, string counter, long value)
    {
        string folder = Path.Combine(_sysfs.Path, networkInterface, "statistics");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, counter), value + "\n");
    }
}
