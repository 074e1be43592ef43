using Edge.Gateway.Core.Flows;
using Edge.Protocol;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// Writes one group of batches in one transaction with prepared statements. The flows update only applies
/// when the batch starts exactly at the stored next sequence, so even a bug upstream cannot count a sample twice.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _advance;

    public BatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT OR IGNORE INTO batches (flow, first_sequence, sample_count, node, session, committed_ms, payload)
            VALUES ($flow, $first, $count, $node, $session, $now, $payload)
            """;
        _advance = connection.CreateCommand();
        _advance.CommandText = """
            INSERT INTO flows (flow, next_sequence, sample_count, value_sum, last_node, updated_ms)
            VALUES ($flow, $next, $count, $sum, $node, $now)
            ON CONFLICT (flow) DO UPDATE SET next_sequence = excluded.next_sequence,
                -- value_sum saturates like FiniteSum: SQLite would keep +Inf, which no JSON reader takes back.
                sample_count = sample_count + excluded.sample_count,
                value_sum = MIN(MAX(value_sum + excluded.value_sum, -1.7976931348623157e308), 1.7976931348623157e308),
                last_node = excluded.last_node, updated_ms = excluded.updated_ms
            WHERE flows.next_sequence = $first
            """;
        foreach (string name in new[] { "$flow", "$first", "$count", "$node", "$session", "$now", "$payload" })
        {
            _insert.Parameters.Add(new SqliteParameter(name, null));
        }

        foreach (string name in new[] { "$flow", "$next", "$count", "$sum", "$node", "$now", "$first" })
        {
            _advance.Parameters.Add(new SqliteParameter(name, null));
        }
    }

    public void Write(IReadOnlyList<IngestedBatch> group, long nowMs)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        _advance.Transaction = transaction;
        foreach (IngestedBatch item in group)
        {
            DataBatch b = item.Batch;
            var payload = new byte[ProtocolLimits.BatchBytes(b.Count)];
            DataBatchCodec.Encode(b, payload, 0);
            SqliteParameterCollection p = _insert.Parameters;
            p[0].Value = b.Flow;
            p[1].Value = b.FirstSequence;
            p[2].Value = b.Count;
            p[3].Value = item.Node;
            p[4].Value = b.Session;
            p[5].Value = nowMs;
            p[6].Value = payload;
            _insert.ExecuteNonQuery();

            SqliteParameterCollection a = _advance.Parameters;
            a[0].Value = b.Flow;
            a[1].Value = b.LastSequence + 1;
            a[2].Value = b.Count;
            a[3].Value = item.Sum();
            a[4].Value = item.Node;
            a[5].Value = nowMs;
            a[6].Value = b.FirstSequence;
            _advance.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _advance.Dispose();
    }
}
