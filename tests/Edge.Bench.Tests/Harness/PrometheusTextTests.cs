using Edge.Bench.Harness;

namespace Edge.Bench.Tests.Harness;

[Trait("Category", "Unit")]
public sealed class PrometheusTextTests
{
    private const string Scrape = """
        # HELP edge_gateway_messages_total MQTT messages received, by decoded kind.
        # TYPE edge_gateway_messages_total counter
        edge_gateway_messages_total{kind="data"} 1200
        edge_gateway_messages_total{kind="telemetry"} 4.5e3
        edge_gateway_queue_depth{queue="inbound"} 0
        edge_gateway_rejected_total{reason="a b"} 3
        edge_gateway_nodes_online 104
        """;

    [Fact]
    public void A_series_is_read_by_its_name_and_labels()
    {
        PrometheusText text = PrometheusText.Parse(Scrape);
        Assert.Equal(4500, text.Value("edge_gateway_messages_total{kind=\"telemetry\"}"));
        Assert.Equal(104, text.Value("edge_gateway_nodes_online"));
        Assert.Equal(3, text.Value("edge_gateway_rejected_total{reason=\"a b\"}"));
        Assert.Equal(0, text.Value("edge_gateway_missing"));
    }

    [Fact]
    public void A_metric_sums_over_its_labels_and_not_over_metrics_sharing_its_prefix()
    {
        PrometheusText text = PrometheusText.Parse(Scrape + "\nedge_gateway_messages_total_extra 99\n");
        Assert.Equal(5700, text.Sum("edge_gateway_messages_total"));
    }

    [Fact]
    public void Every_label_value_of_a_metric_is_listed_with_its_value()
    {
        PrometheusText text = PrometheusText.Parse(Scrape + "\nedge_gateway_rejected_total{reason=\"held_expired\"} 486\n");
        var reasons = text.ByLabel("edge_gateway_rejected_total", "reason").OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
        Assert.Equal([("a b", 3.0), ("held_expired", 486.0)], reasons);
    }
}
