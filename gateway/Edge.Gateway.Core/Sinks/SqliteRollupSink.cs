using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Sinks;

/// <summary>The always-on sink: rollups into the gateway's SQLite file (upsert, so a replay is harmless).</summary>
internal sealed class SqliteRollupSink(GatewayDatabase database) : ISink
{
    public string Name => "sqlite";

    public Task WriteAsync(IReadOnlyList<RollupRecord> records, CancellationToken cancellationToken)
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
        return Task.CompletedTask;
    }
}
