using Edge.Gateway.Core.Aggregation;
using Edge.Gateway.Core.Flows;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// Everything the gateway keeps durably, behind one interface (the idea of edgeHub's IStoreProvider): committed
/// batches and each flow's watermark (written only through <see cref="IBatchWriter"/>), rollups, dead letters, and
/// the leadership row that fences commits. Two implementations pass the same contract tests: SQLite
/// (<see cref="SqliteGatewayStore"/>, one gateway, the default) and PostgreSQL (gateway/Edge.Gateway.Postgres,
/// shared by the gateways of the HA mode). Safe from any thread; only the writer is single-threaded.
/// </summary>
internal interface IGatewayStore
{
    /// <summary>"sqlite" or "postgres": the name of the rollup sink that writes here and of the store in logs.</summary>
    string Kind { get; }

    /// <summary>Where it is, for logs and /healthz (a path, or host:port/database without credentials).</summary>
    string Location { get; }

    void EnsureSchema();

    /// <summary>The one connection that commits batches (group commit); owned by the store loop.</summary>
    IBatchWriter OpenWriter();

    /// <summary>Every flow's committed position and totals: what a starting or newly elected gateway resumes from.</summary>
    IReadOnlyList<FlowSequence> LoadFlows();

    /// <summary>
    /// Records <paramref name="token"/> as the current leadership unless a newer one is there, waiting for any commit
    /// in flight under an older token to finish first. True when <paramref name="token"/> is current afterwards: from
    /// then on a commit under an older token is refused, so the watermarks read after this are final for the old leader.
    /// </summary>
    bool Claim(long token, string holder, long nowMs);

    /// <summary>The current leadership token, 0 when nobody ever claimed (the single mode never does).</summary>
    long CurrentToken();

    /// <summary>
    /// A flow's newest committed batches as they came on the wire, newest first, enough of them to hold at least
    /// <paramref name="samples"/> samples (fewer when the flow has fewer): what the fleet learner trains on.
    /// </summary>
    IReadOnlyList<byte[]> NewestBatches(int flow, int samples);

    /// <summary>Upserts by (window, flow, start): a replayed window replaces itself.</summary>
    void WriteRollups(IReadOnlyList<RollupRecord> records);

    IReadOnlyList<RollupRecord> ReadRollups(string window, int flow);

    void AddDeadLetters(string sink, IReadOnlyList<RollupRecord> records, string error, long nowMs);

    int CountDeadLetters(string sink);

    /// <summary>The oldest letters of a sink, with their ids so they are deleted only once delivered.</summary>
    IReadOnlyList<(long Id, RollupRecord Record)> OldestDeadLetters(string sink, int max);

    void DeleteDeadLetters(IEnumerable<long> ids);
}
