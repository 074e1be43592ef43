namespace Edge.Gateway.Core.Storage;

/// <summary>
/// Tables: flows holds each flow's committed position and running totals (never pruned, so totals survive
/// retention); batches holds the committed samples as wire-format blobs, one row a batch in commit order: a
/// transaction appends its rows to the table's last pages, and only the small (flow, first_sequence) index entries
/// land a page per flow. Clustered by flow (the first wave's layout, moved by <see cref="MoveClusteredBatches"/>),
/// each row did: a transaction over 1,000 flows dirtied up to a page of payload a batch, and a group of 500 took
/// 11.3 ms instead of 6.8 (<c>bench micro --filter '*StoreLayout*'</c>), which put the ack p99 at 80 % load over 1 s
/// (issue 17);
/// rollups and dead_letters serve the sinks; leadership holds the one fencing token commits are checked against
/// (docs/ARCHITECTURE.md, high availability). gateway/Edge.Gateway.Postgres has the same tables in PostgreSQL types.
/// </summary>
internal static class Schema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS flows (
            flow INTEGER PRIMARY KEY,
            next_sequence INTEGER NOT NULL,
            sample_count INTEGER NOT NULL,
            value_sum REAL NOT NULL,
            last_node TEXT,
            updated_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS batches (
            id INTEGER PRIMARY KEY,
            flow INTEGER NOT NULL,
            first_sequence INTEGER NOT NULL,
            sample_count INTEGER NOT NULL,
            node TEXT NOT NULL,
            session INTEGER NOT NULL,
            committed_ms INTEGER NOT NULL,
            payload BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS batches_flow ON batches (flow, first_sequence);
        CREATE INDEX IF NOT EXISTS batches_committed ON batches (committed_ms);
        CREATE TABLE IF NOT EXISTS rollups (
            window TEXT NOT NULL,
            flow INTEGER NOT NULL,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            count INTEGER NOT NULL,
            sum REAL NOT NULL,
            min REAL NOT NULL,
            max REAL NOT NULL,
            mean REAL NOT NULL,
            p50 REAL NOT NULL,
            p90 REAL NOT NULL,
            p99 REAL NOT NULL,
            PRIMARY KEY (window, flow, start_ms)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dead_letters (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sink TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            error TEXT NOT NULL,
            payload TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS dead_letters_sink ON dead_letters (sink, id);
        CREATE TABLE IF NOT EXISTS leadership (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            token INTEGER NOT NULL,
            holder TEXT NOT NULL,
            since_ms INTEGER NOT NULL);
        """;

    /// <summary>How the batches table was declared before it kept commit order (clustered by flow).</summary>
    public const string ClusteredBatches = "WITHOUT ROWID";

    /// <summary>
    /// Moves a clustered batches table to commit order, keeping every row; run in the schema's transaction before
    /// <see cref="Create"/>. Its committed_ms index goes with it (the name is reused).
    /// </summary>
    public const string MoveClusteredBatches = """
        ALTER TABLE batches RENAME TO batches_clustered;
        DROP INDEX IF EXISTS batches_committed;
        """;

    public const string CopyClusteredBatches = """
        INSERT INTO batches (flow, first_sequence, sample_count, node, session, committed_ms, payload)
            SELECT flow, first_sequence, sample_count, node, session, committed_ms, payload FROM batches_clustered
            ORDER BY committed_ms, flow, first_sequence;
        DROP TABLE batches_clustered;
        """;
}
