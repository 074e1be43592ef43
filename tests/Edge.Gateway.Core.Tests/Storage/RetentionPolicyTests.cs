using Edge.Gateway.Core.Storage;
using Edge.Gateway.Core.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class RetentionPolicyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Old_batches_and_rollups_are_deleted_but_flow_totals_stay()
    {
        var db = new GatewayDatabase(_dir.File("gw.db"));
        db.EnsureSchema();
        var clock = new ManualClock();
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using SqliteConnection connection = db.Open();
        using IBatchWriter writer = new SqliteGatewayStore(db).OpenWriter();
        GatewayDatabase.Execute(connection, $"""
            INSERT INTO flows VALUES (1, 20, 20, 5.0, 'n1', {now});
            INSERT INTO batches (flow, first_sequence, sample_count, node, session, committed_ms, payload) VALUES (1, 0, 10, 'n1', 1, {now - 7_200_000}, x'00');
            INSERT INTO batches (flow, first_sequence, sample_count, node, session, committed_ms, payload) VALUES (1, 10, 10, 'n1', 1, {now - 60_000}, x'00');
            INSERT INTO rollups VALUES ('1s', -1, {now - 7_201_000}, {now - 7_200_000}, 1, 1, 1, 1, 1, 1, 1, 1);
            """);

        new RetentionPolicy(TimeSpan.FromHours(1), clock).PruneIfDue(writer);

        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM batches"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM rollups"));
        Assert.Equal(20L, Scalar(connection, "SELECT sample_count FROM flows"));
    }

    public void Dispose() => _dir.Dispose();

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
