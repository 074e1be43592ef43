using Edge.Node.Core.Agent;
using Edge.Node.Core.Tests.Prediction;

namespace Edge.Node.Core.Tests.Agent;

[Trait("Category", "Unit")]
public sealed class PredictorCatalogTests
{
    [Theory]
    [MemberData(nameof(PredictorCases.Names), MemberType = typeof(PredictorCases))]
    public void Each_name_creates_the_predictor_that_reports_that_name(string name)
    {
        Assert.Equal(name, PredictorCatalog.Create(name).Name);
        Assert.Contains(name, PredictorCatalog.Names);
    }

    [Fact]
    public void The_catalog_lists_every_core_predictor_and_nothing_else()
    {
        Assert.Equal(((IEnumerable<object[]>)PredictorCases.Names).Select(row => (string)row[0]).Order(StringComparer.Ordinal), PredictorCatalog.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lstm")]
    [InlineData(null)]
    public void An_unknown_name_gets_the_baseline_so_a_config_typo_never_stops_a_node(string? name)
    {
        Assert.Equal(PredictorCatalog.Names[0], PredictorCatalog.Create(name!).Name);
    }
}
