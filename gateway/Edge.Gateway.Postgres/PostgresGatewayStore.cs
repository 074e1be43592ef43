using System.Text;
using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Storage;
using Npgsql;

namespace Edge.Gateway.Postgres;

/// <summary>
/// The HA mode's store: one PostgreSQL database that every gateway of the site points at (--store
/// postgres://user:password@host:port/database). Sessions give up a transaction left open by a paused process after
/// a second, so a claim never waits on a leader that is not coming back in time.
/// </summary>
internal sealed class PostgresGatewayStore : IGatewayStore, IDisposable
{
    private const string ClaimSql = """
        INSERT INTO leadership (id, token, holder, since_ms) VALUES (1, $1, $2, $3)
        ON CONFLICT (id) DO UPDATE SET token = excluded.token, holder = excluded.holder, since_ms = excluded.since_ms
        WHERE leadership.token < excluded.token
        """;

    private readonly NpgsqlDataSource _source;

    public PostgresGatewayStore(string uri)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString(uri))
        {
            // A leader paused inside a transaction holds the leadership row's share lock: the server ends that session.
            Options = "-c idle_in_transaction_session_timeout=1000 -c lock_timeout=5000",
            Timeout = 5,
            CommandTimeout = 10,

            // The fence's DETAIL carries the current token (nothing secret): the writer reads it from there.
            IncludeErrorDetail = true,
        };
        Location = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
    }

    public string Kind => "postgres";

    public string Location { get; }

    /// <summary>postgres://user:password@host:port/database (the form psql takes) as an Npgsql connection string.</summary>
    public static string ConnectionString(string uri)
    {
        var parsed = new Uri(uri);
        if (parsed.Scheme is not ("postgres" or "postgresql"))
        {
            throw new FormatException($"store must be postgres://user:password@host:port/database, got {parsed.Scheme}://...");
        }

        string[] credentials = parsed.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = parsed.Host,
            Port = parsed.IsDefaultPort || parsed.Port < 0 ? 5432 : parsed.Port,
            Database = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        if (credentials[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(credentials[0]);
        }

        if (credentials.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(credentials[1]);
        }

        return builder.ConnectionString;
    }

    public void EnsureSchema()
    {
        using NpgsqlConnection connection = _source.OpenConnection();

        // Usually another gateway of the site created it long ago: then no DDL at all, whose locks would queue behind
        // (and in front of) the leader's commits. The fence function is created last, so it marks a complete schema.
        using (var exists = new NpgsqlCommand("SELECT to_regprocedure('edge_fence(bigint)') IS NOT NULL", connection))
        {
            if (exists.ExecuteScalar() is true)
            {
                return;
            }
        }

        using NpgsqlTransaction transaction = connection.BeginTransaction();

        // Several gateways may start at once; CREATE ... IF NOT EXISTS is not safe against itself in PostgreSQL.
        Execute(connection, "SELECT pg_advisory_xact_lock(7391)", transaction);
        Execute(connection, PostgresSchema.Create, transaction);
        transaction.Commit();
    }

    public IBatchWriter OpenWriter() => new PostgresBatchWriter(_source);

    public IReadOnlyList<FlowSequence> LoadFlows()
    {
        using NpgsqlCommand command = _source.CreateCommand("SELECT flow, next_sequence, sample_count, value_sum, last_node FROM flows");
        using NpgsqlDataReader reader = command.ExecuteReader();
        var flows = new List<FlowSequence>();
        while (reader.Read())
        {
            flows.Add(new FlowSequence(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3))
            {
                LastNode = reader.IsDBNull(4) ? null : reader.GetString(4),
            });
        }

        return flows;
    }

    public IReadOnlyList<byte[]> NewestBatches(int flow, int samples)
    {
        using NpgsqlCommand command = _source.CreateCommand("SELECT sample_count, payload FROM batches WHERE flow = $1 ORDER BY first_sequence DESC");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = flow });
        using NpgsqlDataReader reader = command.ExecuteReader();
        var batches = new List<byte[]>();
        for (long total = 0; total < samples && reader.Read(); total += reader.GetInt32(0))
        {
            batches.Add((byte[])reader[1]);
        }

        return batches;
    }

    public bool Claim(long token, string holder, long nowMs)
    {
        using NpgsqlConnection connection = _source.OpenConnection();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using (NpgsqlCommand claim = new(ClaimSql, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = token });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder });
            claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = nowMs });
            claim.ExecuteNonQuery();
        }

        using NpgsqlCommand read = new("SELECT token FROM leadership WHERE id = 1", connection, transaction);
        long current = (long)read.ExecuteScalar()!;
        transaction.Commit();
        return current == token;
    }

    public long CurrentToken()
    {
        using NpgsqlCommand command = _source.CreateCommand("SELECT token FROM leadership WHERE id = 1");
        return command.ExecuteScalar() is long token ? token : 0;
    }

    public void WriteRollups(IReadOnlyList<RollupRecord> records)
    {
        using NpgsqlConnection connection = _source.OpenConnection();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (RollupRecord r in records)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO rollups ("window", flow, start_ms, end_ms, count, sum, min, max, mean, p50, p90, p99)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                ON CONFLICT ("window", flow, start_ms) DO UPDATE SET end_ms = excluded.end_ms, count = excluded.count, sum = excluded.sum,
                    min = excluded.min, max = excluded.max, mean = excluded.mean, p50 = excluded.p50, p90 = excluded.p90, p99 = excluded.p99
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Window });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = r.Flow });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = r.StartMs });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = r.EndMs });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = r.Count });
            foreach (double value in new[] { r.Sum, r.Min, r.Max, r.Mean, r.P50, r.P90, r.P99 })
            {
                command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = value });
            }

            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            batch.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public IReadOnlyList<RollupRecord> ReadRollups(string window, int flow)
    {
        using NpgsqlCommand command = _source.CreateCommand("""
            SELECT "window", flow, start_ms, end_ms, count, sum, min, max, mean, p50, p90, p99
            FROM rollups WHERE "window" = $1 AND flow = $2 ORDER BY start_ms
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = window });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = flow });
        using NpgsqlDataReader reader = command.ExecuteReader();
        var records = new List<RollupRecord>();
        while (reader.Read())
        {
            records.Add(RollupRecord.Read(reader));
        }

        return records;
    }

    public void AddDeadLetters(string sink, IReadOnlyList<RollupRecord> records, string error, long nowMs)
    {
        using NpgsqlConnection connection = _source.OpenConnection();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (RollupRecord record in records)
        {
            var command = new NpgsqlBatchCommand("INSERT INTO dead_letters (sink, created_ms, error, payload) VALUES ($1, $2, $3, $4)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sink });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = nowMs });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Encoding.UTF8.GetString(record.ToJson()) });
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            batch.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public int CountDeadLetters(string sink)
    {
        using NpgsqlCommand command = _source.CreateCommand("SELECT COUNT(*) FROM dead_letters WHERE sink = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sink });
        return (int)(long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<(long Id, RollupRecord Record)> OldestDeadLetters(string sink, int max)
    {
        using NpgsqlCommand command = _source.CreateCommand("SELECT id, payload FROM dead_letters WHERE sink = $1 ORDER BY id LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sink });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        using NpgsqlDataReader reader = command.ExecuteReader();
        return DeadLetterRows.Read(reader);
    }

    public void DeleteDeadLetters(IEnumerable<long> ids)
    {
        using NpgsqlCommand command = _source.CreateCommand("DELETE FROM dead_letters WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. ids] });
        command.ExecuteNonQuery();
    }

    public void Dispose() => _source.Dispose();

    private static void Execute(NpgsqlConnection connection, string sql, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
