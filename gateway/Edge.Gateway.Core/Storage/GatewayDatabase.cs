using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// The gateway's one SQLite file. WAL lets the API and sinks read while the ingest writer commits;
/// synchronous=FULL because an ack promises the node its samples survive a power cut, and group commit pays
/// for the fsync many batches at a time.
/// </summary>
internal sealed class GatewayDatabase
{
    private readonly string _connectionString;

    public GatewayDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        string? dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        return connection;
    }

    /// <summary>
    /// The ingest writer's connection. Batches are clustered by flow, so every flow that commits touches its own leaf
    /// page. A page cache of <see cref="WriterCacheKiB"/>: SQLite's default (2 MB) held the pages of a few hundred
    /// flows; at 1,000 flows each transaction read back evicted pages, and pread was 7 % of the gateway's CPU. A WAL
    /// checkpoint every <see cref="WriterCheckpointPages"/> pages instead of 1,000: a 1,000-flow transaction alone
    /// writes about that many, so every commit also copied them back into the database and synced it; a checkpoint
    /// copies each page once however often it changed since (issue 17).
    /// </summary>
    public SqliteConnection OpenWriter()
    {
        SqliteConnection connection = Open();
        Execute(connection, "PRAGMA cache_size=-" + WriterCacheKiB.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; PRAGMA wal_autocheckpoint=" + WriterCheckpointPages.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
        return connection;
    }

    /// <summary>64 MiB: the leaf pages of about 10,000 flows (what one gateway serves at most, docs/ARCHITECTURE.md), used only as they are touched.</summary>
    public const int WriterCacheKiB = 64 * 1024;

    /// <summary>16,384 pages: the WAL grows to about 64 MiB between checkpoints.</summary>
    public const int WriterCheckpointPages = 16_384;

    /// <summary>Creates what is missing; a database from before batches kept commit order is moved to it, in one transaction.</summary>
    public void EnsureSchema()
    {
        using SqliteConnection connection = Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        bool clustered;
        using (SqliteCommand layout = connection.CreateCommand())
        {
            layout.Transaction = transaction;
            layout.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'batches'";
            clustered = layout.ExecuteScalar() is string sql && sql.Contains(Schema.ClusteredBatches, StringComparison.OrdinalIgnoreCase);
        }

        if (clustered)
        {
            Execute(connection, transaction, Schema.MoveClusteredBatches);
        }

        Execute(connection, transaction, Schema.Create);
        if (clustered)
        {
            Execute(connection, transaction, Schema.CopyClusteredBatches);
        }

        transaction.Commit();
    }

    public static void Execute(SqliteConnection connection, string sql) => Execute(connection, null, sql);

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
