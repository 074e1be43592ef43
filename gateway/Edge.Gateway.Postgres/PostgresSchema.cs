namespace Edge.Gateway.Postgres;

/// <summary>
/// The tables of Edge.Gateway.Core's Storage/Schema.cs in PostgreSQL types, and the fence: a function every commit
/// calls first, which takes a share lock on the leadership row and aborts the transaction when a newer leader has
/// claimed it. A claim updates that row, so it waits for a commit in flight under the old token and every commit
/// after it sees the new one.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>SQLSTATE raised by the fence (class EG, "edge gateway", is not used by PostgreSQL).</summary>
    public const string FencedState = "EG001";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS flows (
            flow INTEGER PRIMARY KEY,
            next_sequence BIGINT NOT NULL,
            sample_count BIGINT NOT NULL,
            value_sum DOUBLE PRECISION NOT NULL,
            last_node TEXT,
            updated_ms BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS batches (
            flow INTEGER NOT NULL,
            first_sequence BIGINT NOT NULL,
            sample_count INTEGER NOT NULL,
            node TEXT NOT NULL,
            session BIGINT NOT NULL,
            committed_ms BIGINT NOT NULL,
            payload BYTEA NOT NULL,
            PRIMARY KEY (flow, first_sequence));
        CREATE INDEX IF NOT EXISTS batches_committed ON batches (committed_ms);
        CREATE TABLE IF NOT EXISTS rollups (
            "window" TEXT NOT NULL,
            flow INTEGER NOT NULL,
            start_ms BIGINT NOT NULL,
            end_ms BIGINT NOT NULL,
            count BIGINT NOT NULL,
            sum DOUBLE PRECISION NOT NULL,
            min DOUBLE PRECISION NOT NULL,
            max DOUBLE PRECISION NOT NULL,
            mean DOUBLE PRECISION NOT NULL,
            p50 DOUBLE PRECISION NOT NULL,
            p90 DOUBLE PRECISION NOT NULL,
            p99 DOUBLE PRECISION NOT NULL,
            PRIMARY KEY ("window", flow, start_ms));
        CREATE TABLE IF NOT EXISTS dead_letters (
            id BIGSERIAL PRIMARY KEY,
            sink TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            error TEXT NOT NULL,
            payload TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS dead_letters_sink ON dead_letters (sink, id);
        CREATE TABLE IF NOT EXISTS leadership (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            token BIGINT NOT NULL,
            holder TEXT NOT NULL,
            since_ms BIGINT NOT NULL);
        CREATE OR REPLACE FUNCTION edge_fence(mine BIGINT) RETURNS VOID LANGUAGE plpgsql AS $$
        DECLARE current BIGINT;
        BEGIN
            SELECT token INTO current FROM leadership WHERE id = 1 FOR SHARE;
            IF current IS NOT NULL AND current > mine THEN
                RAISE EXCEPTION 'fenced: token % is older than the store''s %', mine, current
                    USING ERRCODE = 'EG001', DETAIL = current::text;
            END IF;
        END $$;
        """;
}
