using Edge.Gateway.Core.Hosting;
using Edge.Tests.Shared.Architecture;

namespace Edge.Gateway.Core.Tests.Architecture;

/// <summary>
/// The gateway core's namespaces form a DAG (docs/ARCHITECTURE.md draws it): ports at the bottom, the composition
/// root at the top, and nothing inside the core using the composition root.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NamespaceDependencyTests
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Of(typeof(GatewayRuntime).Assembly, "Edge.Gateway.Core");

    [Fact]
    public void The_gateway_core_has_no_namespace_cycle()
    {
        List<List<string>> cycles = Graph.Cycles();
        Assert.True(cycles.Count == 0, "namespaces that use each other:\n" + Graph.Describe(cycles));
    }

    [Fact]
    public void Nothing_in_the_core_uses_the_composition_root()
    {
        Assert.Empty(Graph.UsersOf("Edge.Gateway.Core.Hosting"));
    }

    [Fact]
    public void The_ports_use_no_other_part_of_the_core()
    {
        Assert.False(Graph.Edges.ContainsKey("Edge.Gateway.Core.Ports"), "Ports uses: " + string.Join(", ", Graph.Edges.GetValueOrDefault("Edge.Gateway.Core.Ports")?.Keys.ToList() ?? []));
    }

    [Fact]
    public void The_graph_sees_the_dependencies_it_is_meant_to_judge()
    {
        // A reader that missed IL references would pass the tests above vacuously.
        Assert.Contains("Edge.Gateway.Core.Fleet", Graph.Edges["Edge.Gateway.Core.Ingest"].Keys);
        Assert.Contains("Edge.Gateway.Core.Storage", Graph.Edges["Edge.Gateway.Core.Ingest"].Keys);
        Assert.True(Graph.Edges["Edge.Gateway.Core.Hosting"].Count >= 10, "the composition root should use nearly every namespace");
    }
}
