using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// Deletes stored batches and rollups older than the retention, at most once a minute, on the writer's own
/// connection so it never competes with a commit. Flow totals stay: they are the exactly-once record.
/// Prune is the SQLite statement; the PostgreSQL writer has its own.
/// </summary>
internal sealed class RetentionPolicy(TimeSpan retention, TimeProvider clock)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public void PruneIfDue(IBatchWriter writer)
    {
        DateTimeOffset now = clock.GetUtcNow();
        if (now < _next)
        {
            return;
        }

        _next = now + Interval;
        writer.Prune((now - retention).ToUnixTimeMilliseconds());
    }

    public static void Prune(SqliteConnection connection, long cutoffMs)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DELETE FROM batches WHERE committed_ms < $cutoff; DELETE FROM rollups WHERE end_ms < $cutoff;";
        command.Parameters.AddWithValue("$cutoff", cutoffMs);
        command.ExecuteNonQuery();
    }
}
