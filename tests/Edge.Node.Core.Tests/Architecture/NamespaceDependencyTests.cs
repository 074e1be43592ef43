using Edge.Node.Core.Agent;
using Edge.Tests.Shared.Architecture;

namespace Edge.Node.Core.Tests.Architecture;

/// <summary>The node core's layers: Agent on top, then Buffering, then Prediction and Sensing, which use nothing of the core.</summary>
[Trait("Category", "Unit")]
public sealed class NamespaceDependencyTests
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Of(typeof(NodeAgent).Assembly, "Edge.Node.Core");

    [Fact]
    public void The_node_core_has_no_namespace_cycle()
    {
        List<List<string>> cycles = Graph.Cycles();
        Assert.True(cycles.Count == 0, "namespaces that use each other:\n" + Graph.Describe(cycles));
    }

    [Fact]
    public void Nothing_below_the_agent_uses_the_agent()
    {
        Assert.Empty(Graph.UsersOf("Edge.Node.Core.Agent"));
        Assert.Contains("Edge.Node.Core.Buffering", Graph.Edges["Edge.Node.Core.Agent"].Keys);
    }
}
