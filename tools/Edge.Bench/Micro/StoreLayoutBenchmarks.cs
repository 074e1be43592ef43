using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Storage;

namespace Edge.Bench.Micro;

/// <summary>
/// One transaction of the store's writer (<c>BatchWriter</c>: the watermark update and the insert of each batch, then
/// the fsync), by how the batches table is laid out: clustered by (flow, first_sequence), the first wave's layout,
/// against commit order with a unique (flow, first_sequence) index (issue 17). A group holds batches of 16 samples
/// from 1,000 flows in arrival order, on a file that already holds 200,000 batches.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 5, iterationCount: 30, invocationCount: 1)]
public class StoreLayoutBenchmarks : IDisposable
{
    private const int Flows = 1000;
    private const string ClusteredSchema = """
        CREATE TABLE flows (flow INTEGER PRIMARY KEY, next_sequence INTEGER NOT NULL, sample_count INTEGER NOT NULL,
            value_sum REAL NOT NULL, last_node TEXT, updated_ms INTEGER NOT NULL);
        CREATE TABLE batches (flow INTEGER NOT NULL, first_sequence INTEGER NOT NULL, sample_count INTEGER NOT NULL,
            node TEXT NOT NULL, session INTEGER NOT NULL, committed_ms INTEGER NOT NULL, payload BLOB NOT NULL,
            PRIMARY KEY (flow, first_sequence)) WITHOUT ROWID;
        CREATE INDEX batches_committed ON batches (committed_ms);
        CREATE TABLE leadership (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT NULL, holder TEXT NOT NULL, since_ms INTEGER NOT NULL);
        """;

    private readonly long[] _next = new long[Flows];
    private readonly Random _random = new(5);
    private string _directory = "";
    private IBatchWriter _writer = null!;
    private List<IngestedBatch> _group = null!;

    /// <summary>Batches a transaction commits (the store takes whatever is queued, up to 4,096).</summary>
    [Params(100, 500, 2000)]
    public int Group { get; set; }

    [GlobalSetup(Target = nameof(ClusteredByFlow))]
    public void SetUpClustered() => SetUp(clustered: true);

    [GlobalSetup(Target = nameof(CommitOrder))]
    public void SetUpCommitOrder() => SetUp(clustered: false);

    [Benchmark(Baseline = true)]
    public int ClusteredByFlow() => Commit(_group);

    [Benchmark]
    public int CommitOrder() => Commit(_group);

    [GlobalCleanup]
    public void Dispose()
    {
        _writer?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void SetUp(bool clustered)
    {
        _directory = Directory.CreateTempSubdirectory("edge-store-layout-").FullName;
        var database = new GatewayDatabase(Path.Combine(_directory, "gateway.db"));
        if (clustered)
        {
            using var connection = database.Open();
            GatewayDatabase.Execute(connection, ClusteredSchema);
        }
        else
        {
            database.EnsureSchema();
        }

        _writer = new SqliteGatewayStore(database).OpenWriter();
        var preload = Enumerable.Range(0, 4000).Select(_ => Batch()).ToList();
        for (int i = 0; i < 50; i++)
        {
            Commit(preload);
        }

        _group = [.. Enumerable.Range(0, Group).Select(_ => Batch())];
    }

    /// <summary>The next batch of a random flow for each slot, then one transaction.</summary>
    private int Commit(List<IngestedBatch> group)
    {
        foreach (IngestedBatch item in group)
        {
            int flow = _random.Next(Flows);
            item.Batch.Flow = flow;
            item.Batch.FirstSequence = _next[flow];
            _next[flow] += item.Batch.Count;
        }

        return _writer.Write(group, token: 0, nowMs: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    private static IngestedBatch Batch()
    {
        var item = new IngestedBatch { Node = "pi-1" };
        item.Batch.Session = 1;
        for (int i = 0; i < 16; i++)
        {
            item.Batch.TryAdd(1_800_000_000_000 + (i * 10), i * 1.5);
        }

        return item;
    }
}
