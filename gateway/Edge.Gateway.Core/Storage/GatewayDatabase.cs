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

    public void EnsureSchema()
    {
        using SqliteConnection connection = Open();
        Execute(connection, Schema.Create);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
