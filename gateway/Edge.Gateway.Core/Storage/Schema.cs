namespace Edge.Gateway.Core.Storage;

/// <summary>
/// Tables: flows holds each flow's committed position and running totals (never pruned, so totals survive
/// retention); batches holds the committed samples as wire-format blobs (one row a batch keeps inserts cheap);
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
            flow INTEGER NOT NULL,
            first_sequence INTEGER NOT NULL,
            sample_count INTEGER NOT NULL,
            node TEXT NOT NULL,
            session INTEGER NOT NULL,
            committed_ms INTEGER NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (flow, first_sequence)) WITHOUT ROWID;
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
}
