using Edge.Bench.Load;

namespace Edge.Bench.Tests.Load;

[Trait("Category", "Unit")]
public sealed class LoadFleetTests
{
    [Fact]
    public void Pinned_flows_give_flow_i_to_node_i_alone()
    {
        Assert.Equal("0:1:n00000,1:1:n00001,2:1:n00002", LoadFleet.PinnedFlows(3));
    }

    [Fact]
    public void Node_ids_sort_in_creation_order()
    {
        string[] ids = [.. Enumerable.Range(0, 12_000).Select(LoadFleet.NodeId)];
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }
}
