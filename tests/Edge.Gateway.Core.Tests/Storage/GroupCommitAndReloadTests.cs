using Edge.Gateway.Core.Queries;
using Edge.Gateway.Core.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class GroupCommitAndReloadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Duplicates_out_of_order_batches_and_a_filled_gap_commit_every_sample_exactly_once()
    {
        await using var gw = new RuntimeHarness(_dir.File("gw.db"));
        await gw.SendAsync(Wire.Birth("n1", 1));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 0, Wire.Values(0, 10)));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 0, Wire.Values(0, 10)));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 30, Wire.Values(30, 10)));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 15, Wire.Values(15, 15)));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 10, Wire.Values(10, 10)));

        await Eventually.TrueAsync(() => gw.HighestAck("n1", 1) == 40, "ack up to 40");
        FlowView flow = gw.Runtime.Queries.Flow(1)!;
        Assert.Equal(40, flow.SampleCount);
        Assert.Equal(Wire.Values(0, 40).Sum(), flow.ValueSum);
        Assert.Equal((40L, Wire.Values(0, 40).Sum()), StoredTotals(gw.Runtime.DatabasePath));
    }

    [Fact]
    public async Task After_a_restart_the_committed_position_is_reloaded_and_a_replay_counts_nothing()
    {
        string db = _dir.File("gw.db");
        await using (var first = new RuntimeHarness(db))
        {
            await first.SendAsync(Wire.Birth("n1", 1));
            await first.SendAsync(Wire.Batch("n1", 2, 1, 0, Wire.Values(0, 50)));
            await Eventually.TrueAsync(() => first.HighestAck("n1", 2) == 50, "first ack");
        }

        await using var second = new RuntimeHarness(db);
        Assert.Equal(50, second.Runtime.Queries.Flow(2)!.CommittedSequence);
        await second.SendAsync(Wire.Birth("n1", 2));
        await second.SendAsync(Wire.Batch("n1", 2, 2, 0, Wire.Values(0, 50)));
        await second.SendAsync(Wire.Batch("n1", 2, 2, 40, Wire.Values(40, 20)));

        await Eventually.TrueAsync(() => second.HighestAck("n1", 2) == 60, "ack after replay");
        Assert.Equal((60L, Wire.Values(0, 60).Sum()), StoredTotals(db));
    }

    [Fact]
    public async Task Two_hundred_batches_in_a_row_are_all_committed_and_acknowledged()
    {
        await using var gw = new RuntimeHarness(_dir.File("gw.db"));
        await gw.SendAsync(Wire.Birth("n1", 1));
        for (int i = 0; i < 200; i++)
        {
            await gw.SendAsync(Wire.Batch("n1", 1, 1, i * 5, Wire.Values(i * 5, 5)));
        }

        await Eventually.TrueAsync(() => gw.HighestAck("n1", 1) == 1000, "all acked");
        Assert.Equal(1000L, StoredTotals(gw.Runtime.DatabasePath).Count);
    }

    [Fact]
    public async Task A_gap_that_stays_open_makes_the_gateway_ask_the_node_to_resend()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var gw = new RuntimeHarness(_dir.File("gw.db"), clock);
        await gw.SendAsync(Wire.Birth("n1", 1));
        await gw.SendAsync(Wire.Batch("n1", 1, 1, 10, Wire.Values(10, 10)));
        await Eventually.TrueAsync(() => gw.Runtime.Queries.Flow(1)?.HeldBatches == 1, "held");

        clock.Advance(TimeSpan.FromSeconds(3));
        await Eventually.TrueAsync(() => gw.Publisher.Published.Any(p => p.Topic.EndsWith("/node/n1/cmd", StringComparison.Ordinal)), "resend command");
        string json = System.Text.Encoding.UTF8.GetString(gw.Publisher.Published.First(p => p.Topic.EndsWith("/cmd", StringComparison.Ordinal)).Payload);
        Assert.Contains("\"cmd\":\"resend\"", json, StringComparison.Ordinal);
        Assert.Contains("\"from\":0", json, StringComparison.Ordinal);
        Assert.Equal(-1, gw.HighestAck("n1", 1));
    }

    public void Dispose() => _dir.Dispose();

    private static (long Count, double Sum) StoredTotals(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(sample_count),0), COALESCE(SUM(value_sum),0) FROM flows";
        using SqliteDataReader reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetDouble(1));
    }
}
