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

    private static long Pragma(SqliteConnection connection, string name)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _dir.Dispose();
}
