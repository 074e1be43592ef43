using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Edge.Bench.Harness;
using Edge.Node.Sim.Fleet;
using Edge.Tests.Shared.Processes;
using Npgsql;

namespace Edge.Bench.Ha;

/// <summary>
/// `bench ha`: the HA mode as a site runs it. One Mosquitto, one etcd and one PostgreSQL (real servers, started
/// here on free ports in temp folders and stopped at the end), three gateways as child processes with the same
/// --store and --election, and the simulated fleet replaying the shared traces. Then leader failures at random
/// points mid-stream: SIGKILL (the killed gateway is started again as a standby) and SIGSTOP for longer than the
/// lease, then SIGCONT. Measured: takeover (the old leader's last ack to the new leader's first), split into its
/// steps; at the end, samples lost and duplicated (the store's totals against the sources, exactly), flows
/// without a live owner, and double-primary time (two gateways acking at once).
/// </summary>
internal static class HaBenchCommand
{
    private const string Site = "lab";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var traces = new Option<string>("--traces") { Description = "Folder of timestamp,value CSVs.", DefaultValueFactory = _ => Path.Combine("..", "shared", "data", "nab") };
        var output = new Option<string>("--out") { Description = "JSON report path.", DefaultValueFactory = _ => "bench-ha.json" };
        var kills = new Option<int>("--kills") { Description = "Leader kills (SIGKILL).", DefaultValueFactory = _ => 30 };
        var pauses = new Option<int>("--pauses") { Description = "Leader pauses (SIGSTOP past the lease, then SIGCONT).", DefaultValueFactory = _ => 10 };
        var gateways = new Option<int>("--gateways") { Description = "Gateways of the site.", DefaultValueFactory = _ => 3 };
        var nodes = new Option<int>("--nodes") { Description = "Virtual boards.", DefaultValueFactory = _ => 4 };
        var flows = new Option<int>("--flows") { Description = "Flows (one trace each).", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Seed of the failure order and timing.", DefaultValueFactory = _ => 13 };
        var command = new Command("ha", "Leader kills and pauses with three gateways, etcd and PostgreSQL: takeover time, loss, duplication, double primary.")
        {
            traces, output, kills, pauses, gateways, nodes, flows, seed,
        };
        command.SetAction(parse => RunAsync(parse.GetValue(traces)!, parse.GetValue(output)!, parse.GetValue(kills), parse.GetValue(pauses),
            parse.GetValue(gateways), parse.GetValue(nodes), parse.GetValue(flows), parse.GetValue(seed)));
        return command;
    }

    private static async Task<int> RunAsync(string traceFolder, string output, int killCount, int pauseCount, int gatewayCount, int nodeCount, int flowCount, int seed)
    {
        TextWriter log = Console.Out;
        var random = new Random(seed);
        string dll = Build();
        log.WriteLine("starting mosquitto, etcd and postgres on free ports");
        await using MosquittoProcess broker = await MosquittoProcess.StartAsync(Ports.Free()).ConfigureAwait(false);
        await using EtcdProcess etcd = await EtcdProcess.StartAsync(Ports.Free(), Ports.Free()).ConfigureAwait(false);
        await using PostgresProcess postgres = await PostgresProcess.StartAsync(Ports.Free()).ConfigureAwait(false);
        string store = await postgres.CreateDatabaseAsync("edge").ConfigureAwait(false);

        var gateways = Enumerable.Range(1, gatewayCount).Select(i => (Id: i, Http: Ports.Free())).Select(g => new HaGateway(dll, "gw-" + Text(g.Id), g.Http,
        [
            "--http-port", Text(g.Http), "--broker", "mqtt://127.0.0.1:" + Text(broker.Port), "--store", store, "--election", etcd.Uri, "--site", Site,
            "--flows", "0-" + Text(flowCount - 1), "--gateway-id", "gw-" + Text(g.Id), "--log-level", "Warning",
        ])).ToList();
        try
        {
            return await RunAsync(log, random, gateways, postgres, broker.Port, traceFolder, output, killCount, pauseCount, nodeCount, flowCount)
                .ConfigureAwait(false);
        }
        finally
        {
            foreach (HaGateway gateway in gateways)
            {
                gateway.Dispose();
            }
        }
    }

    private static async Task<int> RunAsync(
        TextWriter log, Random random, List<HaGateway> gateways, PostgresProcess postgres, int brokerPort, string traceFolder, string output,
        int killCount, int pauseCount, int nodeCount, int flowCount)
    {
        log.WriteLine("starting {0} gateways (--store postgres://... --election etcd://...)", gateways.Count);
        foreach (HaGateway gateway in gateways)
        {
            gateway.Start();
        }

        foreach (HaGateway gateway in gateways)
        {
            await UntilAsync(gateway.ReadyAsync, TimeSpan.FromSeconds(90), gateway.Id + " ready").ConfigureAwait(false);
        }

        long start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var sources = FlowSources.FromTraces(traceFolder, start).Take(flowCount).ToList();
        sources.AddRange(FlowSources.Synthetic(flowCount - sources.Count, start, sources.Count));
        var options = new FleetOptions { Site = Site, Nodes = nodeCount, BrokerPort = brokerPort, SamplesPerSecond = 20, BatchMs = 100, HeartbeatJitterMs = 50 };
        using var fleet = new SimFleet(options, sources, TimeProvider.System);
        fleet.Start();
        await UntilAsync(async () => (await StoredAsync(postgres).ConfigureAwait(false)).Count == flowCount, TimeSpan.FromSeconds(60), "every flow committing")
            .ConfigureAwait(false);

        var failures = Enumerable.Repeat("kill", killCount).Concat(Enumerable.Repeat("pause", pauseCount)).OrderBy(_ => random.Next()).ToList();
        var events = new List<TakeoverSample>();
        var spans = new List<AckSpan>();
        foreach (string kind in failures)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(3000, 7000))).ConfigureAwait(false);
            TakeoverSample? sample = await FailOnceAsync(kind, random, gateways, spans).ConfigureAwait(false);
            if (sample is not null)
            {
                events.Add(sample);
                log.WriteLine("{0,2}/{1}  {2,-5} {3} -> {4}  takeover {5,7:F0} ms  (election {6:F0}, claim+reload {7:F0}, resend {8:F0})",
                    events.Count, failures.Count, kind, sample.OldLeader, sample.NewLeader, sample.TakeoverMs, sample.ElectionMs,
                    sample.ClaimMs + sample.ReloadMs, sample.ResendMs);
            }
            else
            {
                log.WriteLine("{0,-5}: no takeover observed within 30 s", kind);
            }
        }

        foreach (HaGateway gateway in gateways.Where(g => g.Running))
        {
            if (await gateway.LeaderAsync().ConfigureAwait(false) is { } state)
            {
                spans.AddRange(state.Acks);
            }
        }

        int ownerless = await OwnerlessAsync(gateways).ConfigureAwait(false);
        var (lost, duplicated, due) = await DrainAsync(postgres, fleet, sources, log).ConfigureAwait(false);
        long doublePrimary = DoublePrimary.Milliseconds(Distinct(spans));
        var report = HaReport.Of(events, lost, duplicated, doublePrimary, ownerless, Lease.TotalSeconds, gateways.Count, nodeCount, flowCount, due);
        report.Print(log);
        report.Write(output);
        log.WriteLine("wrote {0}", output);
        return 0;
    }

    /// <summary>One leader failure: find the leader, fail it, watch the next one take over and ack.</summary>
    private static async Task<TakeoverSample?> FailOnceAsync(string kind, Random random, List<HaGateway> gateways, List<AckSpan> spans)
    {
        (HaGateway Gateway, LeaderState State)? old = await LeaderAsync(gateways, null).ConfigureAwait(false);
        if (old is not { } leader)
        {
            return null;
        }

        long lastOldAck = leader.State.Acks.Where(a => a.Token == leader.State.Token).Select(a => a.LastMs).DefaultIfEmpty(0).Max();
        long failedAt = Now();
        var paused = Stopwatch.StartNew();
        if (kind == "kill")
        {
            leader.Gateway.Kill();
            spans.AddRange(leader.State.Acks);
        }
        else
        {
            leader.Gateway.Pause();
        }

        TakeoverSample? sample = null;
        (HaGateway Gateway, LeaderState State)? next = await LeaderAsync(gateways, leader.Gateway).ConfigureAwait(false);
        if (next is { } successor)
        {
            LeaderState? acking = null;
            await UntilAsync(async () =>
            {
                acking = await successor.Gateway.LeaderAsync().ConfigureAwait(false);
                return acking?.Acks.Any(a => a.Token == successor.State.Token) == true;
            }, TimeSpan.FromSeconds(30), "the new leader's first ack", throwOnTimeout: false).ConfigureAwait(false);
            if (acking?.LastTakeover is { } t && acking.Acks.Where(a => a.Token == successor.State.Token).Select(a => a.FirstMs).DefaultIfEmpty(0).Min() is long firstNewAck and > 0)
            {
                double ready = t.ElectedAtMs + t.ClaimMs + t.ReloadMs + t.AnnounceMs;
                sample = new TakeoverSample(kind, leader.Gateway.Id, successor.Gateway.Id, leader.State.Token, successor.State.Token,
                    firstNewAck - lastOldAck, failedAt - lastOldAck, t.ElectedAtMs - failedAt, Math.Round(t.ClaimMs, 1), Math.Round(t.ReloadMs, 1),
                    Math.Round(t.AnnounceMs, 1), Math.Round(firstNewAck - ready, 1), OldLeaderStoodDown: true);
            }
        }

        if (kind == "kill")
        {
            // Back as a standby, as a service manager would restart it (again if it did not come up); the next failure
            // waits for it to be ready.
            for (int attempt = 0; attempt < 3; attempt++)
            {
                leader.Gateway.Start();
                if (await UntilAsync(async () => !leader.Gateway.Running || await leader.Gateway.ReadyAsync().ConfigureAwait(false),
                    TimeSpan.FromSeconds(90), leader.Gateway.Id + " ready again", throwOnTimeout: false).ConfigureAwait(false) && leader.Gateway.Running)
                {
                    break;
                }

                Console.WriteLine("{0} did not come back (attempt {1}):\n{2}", leader.Gateway.Id, attempt + 1, leader.Gateway.Output);
                if (leader.Gateway.Running)
                {
                    leader.Gateway.Kill();
                }
            }

            return sample;
        }

        // Paused for longer than the lease: between 1.5 and 2.5 leases in all, then woken up.
        TimeSpan pause = Lease * (1.5 + random.NextDouble());
        if (paused.Elapsed < pause)
        {
            await Task.Delay(pause - paused.Elapsed).ConfigureAwait(false);
        }

        leader.Gateway.Resume();
        bool stoodDown = await UntilAsync(async () => (await leader.Gateway.LeaderAsync().ConfigureAwait(false))?.Role == "standby",
            TimeSpan.FromSeconds(30), leader.Gateway.Id + " standing by after waking", throwOnTimeout: false).ConfigureAwait(false);
        if (await leader.Gateway.LeaderAsync().ConfigureAwait(false) is { } woken)
        {
            spans.AddRange(woken.Acks);
        }

        return sample is null ? null : sample with { OldLeaderStoodDown = stoodDown };
    }

    /// <summary>The one gateway (other than <paramref name="except"/>) that says it leads, waiting up to 30 s for there to be exactly one.</summary>
    private static async Task<(HaGateway, LeaderState)?> LeaderAsync(List<HaGateway> gateways, HaGateway? except)
    {
        (HaGateway, LeaderState)? found = null;
        await UntilAsync(async () =>
        {
            var leaders = new List<(HaGateway, LeaderState)>();
            foreach (HaGateway g in gateways.Where(g => g != except && g.Running))
            {
                if (await g.LeaderAsync().ConfigureAwait(false) is { Role: "leader" } state)
                {
                    leaders.Add((g, state));
                }
            }

            found = leaders.Count == 1 ? leaders[0] : null;
            return found is not null;
        }, TimeSpan.FromSeconds(30), "one leader", throwOnTimeout: false).ConfigureAwait(false);
        return found;
    }

    /// <summary>Flows the leader has no live owner for (unassigned, or owned by a node it holds dead).</summary>
    private static async Task<int> OwnerlessAsync(List<HaGateway> gateways)
    {
        if (await LeaderAsync(gateways, null).ConfigureAwait(false) is not { } leader)
        {
            return -1;
        }

        int flows = 0;
        await UntilAsync(async () =>
        {
            using JsonDocument? fleet = await leader.Item1.GetAsync("/api/fleet").ConfigureAwait(false);
            using JsonDocument? catalog = await leader.Item1.GetAsync("/api/flows").ConfigureAwait(false);
            if (fleet is null || catalog is null)
            {
                return false;
            }

            var online = fleet.RootElement.GetProperty("nodes").EnumerateArray()
                .Where(n => n.GetProperty("state").GetString() != "dead").Select(n => n.GetProperty("node").GetString()).ToHashSet();
            var owners = fleet.RootElement.GetProperty("owners").EnumerateArray()
                .ToDictionary(o => o.GetProperty("flow").GetInt32(), o => o.GetProperty("node").GetString());
            flows = catalog.RootElement.EnumerateArray().Count(f =>
                !owners.TryGetValue(f.GetProperty("flow").GetInt32(), out string? node) || string.IsNullOrEmpty(node) || !online.Contains(node));
            return flows == 0;
        }, TimeSpan.FromSeconds(10), "every flow owned", throwOnTimeout: false).ConfigureAwait(false);
        return flows;
    }

    /// <summary>
    /// Stops the sources, lets every board flush to the leader, then compares the store with the sources: a
    /// sequence below the end that never committed is lost; a count above the committed sequence, or a sum that
    /// differs from the source's, is a duplicate.
    /// </summary>
    private static async Task<(long Lost, long Duplicated, long Due)> DrainAsync(PostgresProcess postgres, SimFleet fleet, List<IFlowSource> sources, TextWriter log)
    {
        long now = Now();
        fleet.Clock.Freeze(now);
        long due = fleet.Clock.Due(now);
        Dictionary<int, (long Committed, long Count, double Sum)> flows = [];
        await UntilAsync(async () =>
        {
            flows = await StoredAsync(postgres).ConfigureAwait(false);
            return sources.All(s => flows.TryGetValue(s.Flow, out var f) && f.Committed >= due);
        }, TimeSpan.FromSeconds(90), "every flow committed up to the end", throwOnTimeout: false).ConfigureAwait(false);

        (long lost, long duplicated) = SimDrain.Account(sources, flows, due, log);
        log.WriteLine("drained: {0} samples per flow due, {1} flows checked in the store", due, sources.Count);
        return (lost, duplicated, due);
    }

    private static async Task<Dictionary<int, (long, long, double)>> StoredAsync(PostgresProcess postgres)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("edge"));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT flow, next_sequence, sample_count, value_sum FROM flows", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var flows = new Dictionary<int, (long, long, double)>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            flows[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3));
        }

        return flows;
    }

    /// <summary>One span per gateway and term (snapshots overlap): the latest last ack wins.</summary>
    private static IEnumerable<AckSpan> Distinct(IEnumerable<AckSpan> spans) =>
        spans.GroupBy(s => (s.Gateway, s.Token, s.FirstMs)).Select(g => g.MaxBy(s => s.LastMs)!);

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, bool throwOnTimeout = true)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed > timeout)
            {
                return throwOnTimeout ? throw new TimeoutException("timed out waiting for " + what) : false;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The gateway host in Release, into artifacts/ (so a running bench never has its binaries replaced).</summary>
    private static string Build()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
        {
            dir = dir.Parent;
        }

        string root = dir?.FullName ?? throw new InvalidOperationException("run the bench from inside the repository");
        string outputDir = Path.Combine(root, "artifacts", "bench-ha-gateway");
        using Process build = Process.Start(new ProcessStartInfo("dotnet",
            ["build", Path.Combine(root, "gateway", "Edge.Gateway"), "-c", "Release", "-o", outputDir, "-v", "q", "-nologo"]))
            ?? throw new InvalidOperationException("dotnet build did not start");
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("building the gateway failed");
        }

        return Path.Combine(outputDir, "Edge.Gateway.dll");
    }

    private static long Now() => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
