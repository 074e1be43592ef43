using Edge.Gateway.Core.Flows;
using Edge.Protocol;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// The SQLite writer: one group a transaction, with prepared statements. BEGIN IMMEDIATE takes SQLite's write lock
/// first, so the leadership check and the writes that follow cannot interleave with a claim. A batch is stored only
/// when the flow's watermark moved for it (it started exactly there), so even a bug upstream cannot count twice.
/// </summary>
internal sealed class BatchWriter : IBatchWriter
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _fence;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _advance;
    private readonly SqliteCommand _create;

    public BatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _fence = connection.CreateCommand();
        _fence.CommandText = "SELECT token FROM leadership WHERE id = 1";
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO batches (flow, first_sequence, sample_count, node, session, committed_ms, payload)
            VALUES ($flow, $first, $count, $node, $session, $now, $payload)
            """;
        _advance = connection.CreateCommand();
        _advance.CommandText = """
            UPDATE flows SET next_sequence = $next, sample_count = sample_count + $count, value_sum = value_sum + $sum,
                last_node = $node, updated_ms = $now
            WHERE flow = $flow AND next_sequence = $first
            """;

        // A flow's first batch (sequence 0) creates its row; a row that is already there is never overwritten.
        _create = connection.CreateCommand();
        _create.CommandText = """
            INSERT OR IGNORE INTO flows (flow, next_sequence, sample_count, value_sum, last_node, updated_ms)
            VALUES ($flow, $next, $count, $sum, $node, $now)
            """;
        foreach (string name in new[] { "$flow", "$first", "$count", "$node", "$session", "$now", "$payload" })
        {
            _insert.Parameters.Add(new SqliteParameter(name, null));
        }

        foreach (string name in new[] { "$flow", "$next", "$count", "$sum", "$node", "$now", "$first" })
        {
            _advance.Parameters.Add(new SqliteParameter(name, null));
        }

        foreach (string name in new[] { "$flow", "$next", "$count", "$sum", "$node", "$now" })
        {
            _create.Parameters.Add(new SqliteParameter(name, null));
        }
    }

    public int Write(IReadOnlyList<IngestedBatch> group, long token, long nowMs)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
        _fence.Transaction = transaction;
        _insert.Transaction = transaction;
        _advance.Transaction = transaction;
        _create.Transaction = transaction;
        long current = _fence.ExecuteScalar() is long stored ? stored : 0;
        if (current > token)
        {
            throw new CommitFencedException(token, current);
        }

        int applied = 0;
        foreach (IngestedBatch item in group)
        {
            DataBatch b = item.Batch;
            SqliteParameterCollection a = _advance.Parameters;
            a[0].Value = b.Flow;
            a[1].Value = b.LastSequence + 1;
            a[2].Value = b.Count;
            a[3].Value = item.Sum();
            a[4].Value = item.Node;
            a[5].Value = nowMs;
            a[6].Value = b.FirstSequence;
            item.Applied = _advance.ExecuteNonQuery() == 1 || (b.FirstSequence == 0 && Create(a) == 1);
            if (!item.Applied)
            {
                continue;
            }

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
            applied++;
        }

        transaction.Commit();
        return applied;
    }

    private int Create(SqliteParameterCollection advance)
    {
        for (int i = 0; i < _create.Parameters.Count; i++)
        {
            _create.Parameters[i].Value = advance[i].Value;
        }

        return _create.ExecuteNonQuery();
    }

    public void Prune(long cutoffMs) => RetentionPolicy.Prune(_connection, cutoffMs);

    public bool IsTransient(Exception exception) => exception is SqliteException;

    public void Dispose()
    {
        _fence.Dispose();
        _insert.Dispose();
        _advance.Dispose();
        _create.Dispose();
        _connection.Dispose();
    }
}
