using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Tests.Flows;

[Trait("Category", "Unit")]
public sealed class ValueOutliersTests
{
    private static double[] History(int count) => [.. Enumerable.Range(0, count).Select(i => (double)(i % 101))];

    [Fact]
    public void Nothing_is_an_outlier_before_the_flow_has_history()
    {
        var outliers = new ValueOutliers(warmup: 1000);
        Assert.Equal(0, outliers.Observe("n1", 0, [1e300, -1e300]));
        Assert.Equal(0, outliers.Of("n1"));
    }

    [Fact]
    public void A_value_a_thousand_spans_away_is_counted_against_its_sender_and_a_burst_is_not()
    {
        var outliers = new ValueOutliers(warmup: 1000);
        outliers.Observe("n1", 0, History(2000));

        Assert.Equal(0, outliers.Observe("n2", 0, [500, -300, 1000]));
        Assert.Equal(2, outliers.Observe("n2", 0, [1e9, -1e12, 50]));
        Assert.Equal(2, outliers.Of("n2"));
        Assert.Equal(0, outliers.Of("n1"));
    }

    [Fact]
    public void Outliers_do_not_widen_the_range_a_liar_could_otherwise_teach()
    {
        var outliers = new ValueOutliers(warmup: 1000);
        outliers.Observe("n1", 0, History(2000));
        for (int i = 0; i < 100; i++)
        {
            outliers.Observe("liar", 0, [1e9]);
        }

        Assert.Equal(100, outliers.Of("liar"));
        Assert.Equal(1, outliers.Observe("n1", 0, [1e9]));
    }

    [Fact]
    public void Each_flow_has_its_own_range_and_a_forgotten_node_its_count_cleared()
    {
        var outliers = new ValueOutliers(warmup: 1000);
        outliers.Observe("n1", 0, History(2000));
        outliers.Observe("n1", 1, [.. History(2000).Select(v => v * 1e9)]);

        Assert.Equal(0, outliers.Observe("n1", 1, [5e10]));
        Assert.Equal(1, outliers.Observe("n1", 0, [5e10]));
        outliers.Forget("n1");
        Assert.Equal(0, outliers.Of("n1"));
    }
}
