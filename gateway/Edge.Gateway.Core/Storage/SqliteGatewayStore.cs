using System.Globalization;
using System.Text;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Flows;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Storage;

/// <summary>The default store: the gateway's one SQLite file (<see cref="GatewayDatabase"/>).</summary>
internal sealed class SqliteGatewayStore(GatewayDatabase database) : IGatewayStore
{
    public SqliteGatewayStore(string path)
        : this(new GatewayDatabase(path))
    {
    }

    public GatewayDatabase Database => database;

    public string Kind => "sqlite";

    public string Location => database.Path;

    public void EnsureSchema() => database.EnsureSchema();

    public IBatchWriter OpenWriter() => new BatchWriter(database.OpenWriter());

    public IReadOnlyList<FlowSequence> LoadFlows() => FlowStateReader.Load(database);

    public IReadOnlyList<byte[]> NewestBatches(int flow, int samples)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT sample_count, payload FROM batches WHERE flow = $flow ORDER BY first_sequence DESC";
        command.Parameters.AddWithValue("$flow", flow);
        using SqliteDataReader reader = command.ExecuteReader();
        var batches = new List<byte[]>();
        for (long total = 0; total < samples && reader.Read(); total += reader.GetInt64(0))
        {
            batches.Add((byte[])reader[1]);
        }

        return batches;
    }

    public bool Claim(long token, string holder, long nowMs)
    {
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO leadership (id, token, holder, since_ms) VALUES (1, $token, $holder, $now)
            ON CONFLICT (id) DO UPDATE SET token = excluded.token, holder = excluded.holder, since_ms = excluded.since_ms
            WHERE leadership.token < excluded.token;
            SELECT token FROM leadership WHERE id = 1;
            """;
        command.Parameters.AddWithValue("$token", token);
        command.Parameters.AddWithValue("$holder", holder);
        command.Parameters.AddWithValue("$now", nowMs);
        long current = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        transaction.Commit();
        return current == token;
    }

    public long CurrentToken()
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT token FROM leadership WHERE id = 1";
        return command.ExecuteScalar() is long token ? token : 0;
    }

    public void WriteRollups(IReadOnlyList<RollupRecord> records)
    {
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR REPLACE INTO rollups (window, flow, start_ms, end_ms, count, sum, min, max, mean, p50, p90, p99)
            VALUES ($w, $f, $s, $e, $c, $sum, $min, $max, $mean, $p50, $p90, $p99)
            """;
        string[] names = ["$w", "$f", "$s", "$e", "$c", "$sum", "$min", "$max", "$mean", "$p50", "$p90", "$p99"];
        foreach (string name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        foreach (RollupRecord r in records)
        {
            object[] values = [r.Window, r.Flow, r.StartMs, r.EndMs, r.Count, r.Sum, r.Min, r.Max, r.Mean, r.P50, r.P90, r.P99];
            for (int i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public IReadOnlyList<RollupRecord> ReadRollups(string window, int flow)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT window, flow, start_ms, end_ms, count, sum, min, max, mean, p50, p90, p99
            FROM rollups WHERE window = $w AND flow = $f ORDER BY start_ms
            """;
        command.Parameters.AddWithValue("$w", window);
        command.Parameters.AddWithValue("$f", flow);
        using SqliteDataReader reader = command.ExecuteReader();
        var records = new List<RollupRecord>();
        while (reader.Read())
        {
            records.Add(RollupRecord.Read(reader));
        }

        return records;
    }

    public void AddDeadLetters(string sink, IReadOnlyList<RollupRecord> records, string error, long nowMs)
    {
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO dead_letters (sink, created_ms, error, payload) VALUES ($sink, $now, $error, $payload)";
        SqliteParameter payload = command.Parameters.Add("$payload", SqliteType.Text);
        command.Parameters.AddWithValue("$sink", sink);
        command.Parameters.AddWithValue("$now", nowMs);
        command.Parameters.AddWithValue("$error", error);
        foreach (RollupRecord record in records)
        {
            payload.Value = Encoding.UTF8.GetString(record.ToJson());
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public int CountDeadLetters(string sink)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM dead_letters WHERE sink = $sink";
        command.Parameters.AddWithValue("$sink", sink);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<(long Id, RollupRecord Record)> OldestDeadLetters(string sink, int max)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id, payload FROM dead_letters WHERE sink = $sink ORDER BY id LIMIT $max";
        command.Parameters.AddWithValue("$sink", sink);
        command.Parameters.AddWithValue("$max", max);
        using SqliteDataReader reader = command.ExecuteReader();
        return DeadLetterRows.Read(reader);
    }

    public void DeleteDeadLetters(IEnumerable<long> ids)
    {
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM dead_letters WHERE id = $id";
        SqliteParameter id = command.Parameters.Add("$id", SqliteType.Integer);
        foreach (long value in ids)
        {
            id.Value = value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
