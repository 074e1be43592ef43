using System.Text;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Sinks;

/// <summary>What a sink failed to take, in SQLite next to the data, until the sink recovers and it is replayed.</summary>
internal sealed class DeadLetterTable(GatewayDatabase database, TimeProvider clock)
{
    public void Add(string sink, IReadOnlyList<RollupRecord> records, string error)
    {
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO dead_letters (sink, created_ms, error, payload) VALUES ($sink, $now, $error, $payload)";
        SqliteParameter payload = command.Parameters.Add("$payload", SqliteType.Text);
        command.Parameters.AddWithValue("$sink", sink);
        command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$error", error);
        foreach (RollupRecord record in records)
        {
            payload.Value = Encoding.UTF8.GetString(record.ToJson());
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public int Count(string sink)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM dead_letters WHERE sink = $sink";
        command.Parameters.AddWithValue("$sink", sink);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The oldest letters of a sink, with their ids so they are deleted only once delivered.</summary>
    public IReadOnlyList<(long Id, RollupRecord Record)> Oldest(string sink, int max)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id, payload FROM dead_letters WHERE sink = $sink ORDER BY id LIMIT $max";
        command.Parameters.AddWithValue("$sink", sink);
        command.Parameters.AddWithValue("$max", max);
        using SqliteDataReader reader = command.ExecuteReader();
        var letters = new List<(long, RollupRecord)>();
        while (reader.Read())
        {
            RollupRecord? record = RollupRecord.FromJson(Encoding.UTF8.GetBytes(reader.GetString(1)));
            if (record is not null)
            {
                letters.Add((reader.GetInt64(0), record));
            }
        }

        return letters;
    }

    public void Delete(IEnumerable<long> ids)
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
