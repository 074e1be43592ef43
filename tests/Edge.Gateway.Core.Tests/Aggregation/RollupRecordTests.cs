using Edge.Gateway.Core.Aggregation;

namespace Edge.Gateway.Core.Tests.Aggregation;

[Trait("Category", "Unit")]
public sealed class RollupRecordTests
{
    [Fact]
    public void A_rollup_survives_the_protocol_json_round_trip_used_by_the_dead_letter_table()
    {
        var record = new RollupRecord("10s", 3, 10_000, 20_000, 5, 12.5, -1.25, 7, 2.5, 2, 6.5, 7);
        string json = System.Text.Encoding.UTF8.GetString(record.ToJson());
        Assert.Equal(record, RollupRecord.FromJson(record.ToJson()));
        Assert.Contains("\"window\":\"10s\"", json, StringComparison.Ordinal);
    }
}
