using Edge.Tests.Shared.Architecture;

namespace Edge.Gateway.Core.Tests.Architecture;

[Trait("Category", "Unit")]
public sealed class NamespaceGraphTests
{
    [Fact]
    public void A_planted_cycle_through_a_method_call_and_a_lambda_is_found()
    {
        var graph = NamespaceGraph.Of(typeof(NamespaceGraphTests).Assembly, "Edge.Gateway.Core.Tests.Architecture.Planted");

        List<List<string>> cycles = graph.Cycles();

        List<string> cycle = Assert.Single(cycles);
        Assert.Equal(["Edge.Gateway.Core.Tests.Architecture.Planted.Left", "Edge.Gateway.Core.Tests.Architecture.Planted.Right"], cycle);
        Assert.Contains("Caller.Call", graph.Describe(cycles), StringComparison.Ordinal);
    }
}
