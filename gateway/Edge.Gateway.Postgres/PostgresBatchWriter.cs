using System.Globalization;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Storage;
using Edge.Protocol;
using Npgsql;
using NpgsqlTypes;

namespace Edge.Gateway.Postgres;

/// <summary>
/// The PostgreSQL writer: one group a transaction, sent as one pipelined batch (one round trip): the fence first,
/// then one statement per ingested batch that advances the flow's watermark only when the batch starts exactly at
/// it (a flow's first batch creates its row) and stores the batch only if the watermark moved. A broken connection
/// is opened again on the next attempt.
/// </summary>
internal sealed class PostgresBatchWriter(NpgsqlDataSource source) : IBatchWriter
{
    private const string Advance = """
        WITH moved AS (
            UPDATE flows SET next_sequence = $3, sample_count = sample_count + $4, value_sum = value_sum + $5, last_node = $6, updated_ms = $7
            WHERE flow = $1 AND next_sequence = $2
            RETURNING flow),
        created AS (
            INSERT INTO flows (flow, next_sequence, sample_count, value_sum, last_node, updated_ms)
            SELECT $1, $3, $4, $5, $6, $7 WHERE $2 = 0 AND NOT EXISTS (SELECT 1 FROM moved)
            ON CONFLICT (flow) DO NOTHING
            RETURNING flow)
        INSERT INTO batches (flow, first_sequence, sample_count, node, session, committed_ms, payload)
        SELECT $1, $2, $4, $6, $8, $7, $9 WHERE EXISTS (SELECT 1 FROM moved) OR EXISTS (SELECT 1 FROM created)
        """;

    private NpgsqlConnection? _connection;

    public int Write(IReadOnlyList<IngestedBatch> group, long token, long nowMs)
    {
        NpgsqlConnection connection = Connection();
        try
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            using var batch = new NpgsqlBatch(connection, transaction);
            var fence = new NpgsqlBatchCommand("SELECT edge_fence($1)");
            fence.Parameters.Add(new NpgsqlParameter<long> { TypedValue = token });
            batch.BatchCommands.Add(fence);
            foreach (IngestedBatch item in group)
            {
                batch.BatchCommands.Add(Command(item, nowMs));
            }

            batch.ExecuteNonQuery();
            int applied = 0;
            for (int i = 0; i < group.Count; i++)
            {
                group[i].Applied = batch.BatchCommands[i + 1].RecordsAffected == 1;
                applied += group[i].Applied ? 1 : 0;
            }

            transaction.Commit();
            return applied;
        }
        catch (PostgresException e) when (e.SqlState == PostgresSchema.FencedState)
        {
            throw new CommitFencedException(token, long.Parse(e.Detail ?? "0", CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            Reset();
            throw;
        }
    }

    public void Prune(long cutoffMs)
    {
        using var batch = new NpgsqlBatch(Connection());
        foreach (string sql in new[] { "DELETE FROM batches WHERE committed_ms < $1", "DELETE FROM rollups WHERE end_ms < $1" })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cutoffMs });
            batch.BatchCommands.Add(command);
        }

        batch.ExecuteNonQuery();
    }

    public bool IsTransient(Exception exception) => exception is NpgsqlException;

    public void Dispose() => Reset();

    private static NpgsqlBatchCommand Command(IngestedBatch item, long nowMs)
    {
        DataBatch b = item.Batch;
        var payload = new byte[ProtocolLimits.BatchBytes(b.Count)];
        DataBatchCodec.Encode(b, payload, 0);
        var command = new NpgsqlBatchCommand(Advance);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = b.Flow });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = b.FirstSequence });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = b.LastSequence + 1 });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = b.Count });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = item.Sum() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.Node });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = nowMs });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = b.Session });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload, NpgsqlDbType = NpgsqlDbType.Bytea });
        return command;
    }

    private NpgsqlConnection Connection() => _connection ??= source.OpenConnection();

    private void Reset()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
