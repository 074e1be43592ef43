using Edge.Node.Pi.Sources;
using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Sources;

[Trait("Category", "Unit")]
public sealed class ReplaySourceTests
{
    private const int Flow = 5;

    [Fact]
    public void Rows_play_at_the_rate_and_row_n_is_sequence_n_so_a_restored_node_goes_on_where_it_stopped()
    {
        var node = AgentHarness.Serving(Flow, from: 2);
        var source = new ReplaySource(Flow, [10, 11, 12, 13, 14, 15], rate: 10, loop: false);
        source.Feed(node.Agent, 0);
        source.Feed(node.Agent, 300);
        source.Feed(node.Agent, 10_000);

        Assert.Equal([12.0, 13, 14, 15], node.Held(Flow).Select(h => h.Value));
        Assert.Equal([300L, 300, 300, 10_000], node.Held(Flow).Select(h => h.Time));
    }

    [Fact]
    public void The_csv_reader_takes_the_last_column_and_skips_the_header()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("trace.csv");
        File.WriteAllText(csv, "timestamp,value\n1763856000000,1.5\n1763856000100,-2.25e3\n");

        Assert.Equal([1.5, -2250.0], ReplaySource.ReadValues(csv));
    }
}
