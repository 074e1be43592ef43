using Edge.Gateway.Tests.Fixtures;
using Edge.Gateway.Tests.Scenarios;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Tests;

[Trait("Category", "Integration")]
public sealed class KillAndRestartTests : IDisposable
{
    private const int Batches = 200;
    private const int Window = 20;
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_gateway_killed_mid_stream_and_restarted_ends_with_totals_equal_to_the_source()
    {
        string db = _dir.File("gw.db");
        int mqtt = FreePort.Next();
        int http = FreePort.Next();
        long total = (long)Batches * SourceData.BatchSize;

        await using (GatewayProcess first = await GatewayProcess.StartAsync(db, mqtt, http, "1"))
        {
            await using var node = new TestNode("site1", "pi-01", mqtt);
            await node.ConnectAsync(session: 1);
            await Eventually.TrueAsync(async () => (await first.Client.GetAsync("/api/nodes")).Contains("\"online\":true", StringComparison.Ordinal), () => "node online");
            Task<int> sending = SendUntilFailureAsync(node);
            await Eventually.TrueAsync(() => node.AckedUpTo(1) >= total / 5, "a fifth acknowledged");
            await first.KillAsync();
            int reached = await sending;
            Assert.True(reached < Batches, "the kill must land mid-stream");
        }

        await using GatewayProcess second = await GatewayProcess.StartAsync(db, mqtt, http, "1");
        (long committedAtRestart, long countAtRestart, _) = await second.Client.FlowAsync(1);
        Assert.Equal(committedAtRestart, countAtRestart);

        // The node comes back with a new session and, having kept everything, replays all of it from the start.
        await using var again = new TestNode("site1", "pi-01", mqtt);
        await again.ConnectAsync(session: 2);
        await Eventually.TrueAsync(async () => (await second.Client.GetAsync("/api/nodes")).Contains("\"session\":2", StringComparison.Ordinal), () => "new session seen");
        for (int i = 0; i < Batches; i++)
        {
            await again.SendBatchAsync(1, (long)i * SourceData.BatchSize, SourceData.Batch(1, i));
        }

        await Eventually.TrueAsync(() => again.AckedUpTo(1) == total, "everything acknowledged after the restart", 60_000);
        Assert.Equal((total, total, SourceData.Sum(1, Batches)), await second.Client.FlowAsync(1));
        Assert.Equal(Batches - (committedAtRestart / SourceData.BatchSize), StoredBatchesSince(db, committedAtRestart));
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Sends like a node with a bounded buffer: at most <see cref="Window"/> batches unacked, so the kill (after a
    /// fifth is acked) always lands mid-stream however slow the machine. Returns the batch it stopped at.
    /// </summary>
    private static async Task<int> SendUntilFailureAsync(TestNode node)
    {
        for (int i = 0; i < Batches; i++)
        {
            while (node.AckedUpTo(1) < (long)(i - Window) * SourceData.BatchSize)
            {
                if (!node.IsConnected)
                {
                    return i;
                }

                await Task.Delay(5);
            }

            try
            {
                await node.SendBatchAsync(1, (long)i * SourceData.BatchSize, SourceData.Batch(1, i));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return i;
            }
        }

        return Batches;
    }

    /// <summary>Rows stored at or after the restart position: every batch exactly once, none twice.</summary>
    private static long StoredBatchesSince(string db, long sequence)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM batches WHERE flow = 1 AND first_sequence >= $s";
        command.Parameters.AddWithValue("$s", sequence);
        return (long)command.ExecuteScalar()!;
    }
}
