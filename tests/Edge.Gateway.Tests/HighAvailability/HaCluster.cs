using System.Globalization;
using System.Text.Json;
using Edge.Gateway.Tests.Fixtures;
using Edge.Node.Sim.Fleet;
using Edge.Tests.Shared.Processes;
using Npgsql;

namespace Edge.Gateway.Tests.HighAvailability;

/// <summary>
/// The HA mode as an operator runs it: a Mosquitto, an etcd and a PostgreSQL server (real processes on free ports
/// in temp folders), several gateways as child processes with the same --store and --election, and a fleet of
/// virtual boards replaying synthetic flows (integer values, so sums are exact). Totals are read from PostgreSQL.
/// </summary>
internal sealed class HaCluster : IAsyncDisposable
{
    private const string Site = "site1";
    private readonly TempDirectory _dir = new();
    private readonly List<GatewayProcess> _gateways = [];
    private MosquittoBroker _broker = null!;
    private EtcdProcess _etcd = null!;
    private PostgresProcess _postgres = null!;
    private string _store = "";

    public IReadOnlyList<GatewayProcess> Gateways => _gateways;

    public SimFleet Fleet { get; private set; } = null!;

    public IEnumerable<int> FlowIds => Fleet.Sources.Select(s => s.Flow);

    public static async Task<HaCluster> StartAsync(int gateways, int nodes, int flows)
    {
        var cluster = new HaCluster();
        try
        {
            cluster._broker = await MosquittoBroker.StartAsync();
            cluster._etcd = await EtcdProcess.StartAsync(FreePort.Next(), FreePort.Next());
            cluster._postgres = await PostgresProcess.StartAsync(FreePort.Next());
            cluster._store = await cluster._postgres.CreateDatabaseAsync("edge");
            for (int i = 0; i < gateways; i++)
            {
                cluster._gateways.Add(await GatewayProcess.StartAsync(cluster._dir.File($"unused-{i}.db"), 0, FreePort.Next(), "0-" + (flows - 1),
                    "--broker", "mqtt://127.0.0.1:" + cluster._broker.Port.ToString(CultureInfo.InvariantCulture),
                    "--store", cluster._store, "--election", cluster._etcd.Uri, "--gateway-id", "gw-" + (char)('a' + i)));
            }

            long start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
            var options = new FleetOptions { Site = Site, Nodes = nodes, BrokerPort = cluster._broker.Port, SamplesPerSecond = 50, BatchMs = 100 };
            cluster.Fleet = new SimFleet(options, FlowSources.Synthetic(flows, start), TimeProvider.System);
            cluster.Fleet.Start();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>This gateway's view of its role and its acks per term (GET /api/leader).</summary>
    public static async Task<JsonDocument?> LeaderViewAsync(GatewayProcess gateway)
    {
        try
        {
            return JsonDocument.Parse(await gateway.Client.GetAsync("/api/leader"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits for exactly one live gateway (other than the excluded) to say it leads; returns it with its token.</summary>
    public async Task<(GatewayProcess Gateway, long Token)> LeaderAsync(GatewayProcess? except = null, int timeoutMs = 30_000)
    {
        (GatewayProcess, long)? found = null;
        await Eventually.TrueAsync(async () =>
        {
            var leaders = new List<(GatewayProcess, long)>();
            foreach (GatewayProcess g in _gateways.Where(g => g != except && !g.HasExited))
            {
                using JsonDocument? view = await LeaderViewAsync(g);
                if (view?.RootElement.GetProperty("role").GetString() == "leader")
                {
                    leaders.Add((g, view.RootElement.GetProperty("token").GetInt64()));
                }
            }

            found = leaders.Count == 1 ? leaders[0] : null;
            return found is not null;
        }, () => "one gateway leads", timeoutMs);
        return found!.Value;
    }

    public static async Task<string?> RoleAsync(GatewayProcess gateway)
    {
        using JsonDocument? view = await LeaderViewAsync(gateway);
        return view?.RootElement.GetProperty("role").GetString();
    }

    /// <summary>(token, first ack ms, last ack ms) of every term in which the gateway published acks.</summary>
    public static async Task<List<(long Token, long FirstMs, long LastMs)>> AckWindowsAsync(GatewayProcess gateway)
    {
        using JsonDocument view = (await LeaderViewAsync(gateway))!;
        return [.. view.RootElement.GetProperty("acks").EnumerateArray()
            .Select(w => (w.GetProperty("token").GetInt64(), w.GetProperty("firstMs").GetInt64(), w.GetProperty("lastMs").GetInt64()))];
    }

    /// <summary>Every flow's committed position, count and sum, straight from PostgreSQL.</summary>
    public async Task<Dictionary<int, (long Committed, long Count, double Sum)>> StoredAsync()
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString("edge"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT flow, next_sequence, sample_count, value_sum FROM flows", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var flows = new Dictionary<int, (long, long, double)>();
        while (await reader.ReadAsync())
        {
            flows[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3));
        }

        return flows;
    }

    public Task<long> LeadershipTokenAsync() => _postgres.ScalarAsync<long>("edge", "SELECT token FROM leadership WHERE id = 1");

    /// <summary>Waits until every flow has committed at least <paramref name="samples"/> more than now.</summary>
    public async Task FlowingAsync(long samples, int timeoutMs = 30_000)
    {
        var from = (await StoredAsync()).ToDictionary(f => f.Key, f => f.Value.Committed);
        await Eventually.TrueAsync(async () =>
        {
            var now = await StoredAsync();
            return FlowIds.All(f => now.TryGetValue(f, out var s) && s.Committed >= from.GetValueOrDefault(f) + samples);
        }, () => samples + " more samples committed on every flow", timeoutMs);
    }

    /// <summary>
    /// Freezes the sources, lets every board flush what it holds to whoever leads, then checks each flow in the
    /// store: everything due committed (nothing lost), counted once (count equals the committed sequence), and the
    /// committed sum equal to the source's.
    /// </summary>
    public async Task AssertExactAsync()
    {
        long now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        Fleet.Clock.Freeze(now);
        long due = Fleet.Clock.Due(now);
        await Eventually.TrueAsync(async () =>
        {
            var stored = await StoredAsync();
            return FlowIds.All(f => stored.TryGetValue(f, out var s) && s.Committed >= due);
        }, () => "every flow committed up to " + due, 60_000);

        var flows = await StoredAsync();
        foreach (IFlowSource source in Fleet.Sources)
        {
            (long committed, long count, double sum) = flows[source.Flow];
            double expected = 0;
            for (long s = 0; s < committed; s++)
            {
                expected += source.ValueAt(s);
            }

            Assert.Equal(committed, count);
            Assert.Equal(expected, sum);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fleet?.Dispose();
        foreach (GatewayProcess gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        _dir.Dispose();
    }
}
