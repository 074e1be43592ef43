using Edge.Gateway.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Tests.Storage;

/// <summary>The SQLite file's connections: what every one of them promises, and what only the ingest writer gets.</summary>
[Trait("Category", "Unit")]
public sealed class GatewayDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void The_writer_keeps_a_thousand_flows_pages_and_checkpoints_rarely_while_other_connections_keep_sqlites_defaults()
    {
        var database = new GatewayDatabase(_dir.File("gw.db"));
        database.EnsureSchema();

        using (SqliteConnection writer = database.OpenWriter())
        {
            Assert.Equal(-GatewayDatabase.WriterCacheKiB, Pragma(writer, "cache_size"));
            Assert.Equal(GatewayDatabase.WriterCheckpointPages, Pragma(writer, "wal_autocheckpoint"));
            Assert.Equal(2, Pragma(writer, "synchronous"));
        }

        using SqliteConnection reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.Path, Pooling = false }.ToString());
        reader.Open();
        Assert.Equal(-2000, Pragma(reader, "cache_size"));
        Assert.Equal(1000, Pragma(reader, "wal_autocheckpoint"));
    }

    [Fact]
    public void A_database_whose_batches_were_clustered_by_flow_keeps_every_batch_in_commit_order()
    {
        var database = new GatewayDatabase(_dir.File("gw.db"));
        using (SqliteConnection old = database.Open())
        {
            // The layout of the first wave's databases: rows clustered by (flow, first_sequence).
            GatewayDatabase.Execute(old, """
                CREATE TABLE flows (flow INTEGER PRIMARY KEY, next_sequence INTEGER NOT NULL, sample_count INTEGER NOT NULL,
                    value_sum REAL NOT NULL, last_node TEXT, updated_ms INTEGER NOT NULL);
                CREATE TABLE batches (flow INTEGER NOT NULL, first_sequence INTEGER NOT NULL, sample_count INTEGER NOT NULL,
                    node TEXT NOT NULL, session INTEGER NOT NULL, committed_ms INTEGER NOT NULL, payload BLOB NOT NULL,
                    PRIMARY KEY (flow, first_sequence)) WITHOUT ROWID;
                CREATE INDEX batches_committed ON batches (committed_ms);
                INSERT INTO flows VALUES (1, 20, 20, 5.0, 'n1', 300), (2, 10, 10, 1.0, 'n2', 200);
                INSERT INTO batches VALUES (1, 0, 10, 'n1', 1, 100, x'01'), (1, 10, 10, 'n1', 1, 300, x'02'), (2, 0, 10, 'n2', 1, 200, x'03');
                """);
        }

        database.EnsureSchema();
        database.EnsureSchema();

        using SqliteConnection connection = database.Open();
        Assert.DoesNotContain("WITHOUT ROWID", Text(connection, "SELECT sql FROM sqlite_master WHERE name = 'batches'"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("batches", Text(connection, "SELECT tbl_name FROM sqlite_master WHERE name = 'batches_committed'"));
        Assert.Equal("1:0:01 2:0:03 1:10:02", Text(connection,
            "SELECT group_concat(flow || ':' || first_sequence || ':' || hex(payload), ' ') FROM (SELECT * FROM batches ORDER BY id)"));
        Assert.Equal("20 10", Text(connection, "SELECT group_concat(sample_count, ' ') FROM (SELECT * FROM flows ORDER BY flow)"));

        // The flow index still refuses a batch stored twice.
        Assert.Throws<SqliteException>(() => GatewayDatabase.Execute(connection,
            "INSERT INTO batches (flow, first_sequence, sample_count, node, session, committed_ms, payload) VALUES (1, 10, 10, 'x', 1, 400, x'00')"));
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _dir.Dispose();
}
