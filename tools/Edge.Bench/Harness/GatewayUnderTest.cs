using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Edge.Bench.Harness;

/// <summary>
/// The real gateway (SQLite, supervisor, its embedded MQTTnet broker or an external one) as a child process on
/// free loopback ports, built into artifacts/ first so the running bench's own binaries are never overwritten.
/// It runs in a temporary directory of its own (the database, and a response file carrying the flow catalogue:
/// ten thousand pinned flows do not fit in one command-line argument, and System.CommandLine reads @file).
/// </summary>
internal sealed class GatewayUnderTest : IDisposable
{
    private const int RelayLimit = 40;
    private static readonly Lock BuildGate = new();
    private static string? _built;
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly DirectoryInfo _dir;
    private int _relayed;

    private GatewayUnderTest(Process process, int mqttPort, int httpPort, DirectoryInfo dir)
    {
        _process = process;
        MqttPort = mqttPort;
        _dir = dir;
        _http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + Text(httpPort)), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The embedded broker's port, or the external broker's.</summary>
    public int MqttPort { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static Task<GatewayUnderTest> StartAsync(string flows) => StartAsync(flows, externalBrokerPort: null, TimeSpan.FromSeconds(20));

    /// <summary>Starts the gateway (embedded broker unless <paramref name="externalBrokerPort"/>) and waits for /healthz.</summary>
    public static async Task<GatewayUnderTest> StartAsync(string flows, int? externalBrokerPort, TimeSpan readyWithin, params string[] extra)
    {
        string output = Build();
        int mqtt = externalBrokerPort ?? Ports.Free();
        int http = Ports.Free();
        DirectoryInfo dir = Directory.CreateTempSubdirectory("edge-bench-gw-");
        string flowsFile = Path.Combine(dir.FullName, "flows.rsp");
        File.WriteAllText(flowsFile, "--flows\n" + flows + "\n");
        var args = new List<string>
        {
            Path.Combine(output, "Edge.Gateway.dll"), "--http-port", Text(http), "--db", Path.Combine(dir.FullName, "edge.db"), "--site", "lab",
            "--gateway-id", "gw-bench", "--log-level", "Warning", "@" + flowsFile,
        };
        args.AddRange(externalBrokerPort is null ? ["--mqtt-port", Text(mqtt)] : ["--broker", "mqtt://127.0.0.1:" + Text(mqtt)]);
        args.AddRange(extra);

        var process = Process.Start(new ProcessStartInfo("dotnet", args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.FullName,
        }) ?? throw new InvalidOperationException("gateway did not start");
        var gateway = new GatewayUnderTest(process, mqtt, http, dir);
        process.OutputDataReceived += (_, e) => gateway.Relay(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Relay(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = Stopwatch.StartNew();
        while (!await gateway.ReadyAsync().ConfigureAwait(false))
        {
            if (ready.Elapsed > readyWithin || process.HasExited)
            {
                gateway.Dispose();
                throw new TimeoutException("the gateway did not become ready within " + readyWithin.TotalSeconds + " s");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return gateway;
    }

    /// <summary>
    /// The gateway keeps state for at most --max-nodes nodes (1,000 by default) and refuses the births of new ones
    /// beyond it: a bench of more boards raises the bound to what it runs, or its boards past the 1,000th are never live.
    /// </summary>
    public static string[] NodeLimit(int nodes) => ["--max-nodes", Text(Math.Max(1, nodes))];

    public async Task<JsonDocument> GetAsync(string path) =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false));

    public async Task<string> GetTextAsync(string path) => await _http.GetStringAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);

    public async Task<long> FailoversAsync()
    {
        using var fleet = await GetAsync("/api/fleet").ConfigureAwait(false);
        return fleet.RootElement.GetProperty("failovers").GetInt64();
    }

    /// <summary>Per flow: committed sequence, committed sample count, committed sum.</summary>
    public async Task<Dictionary<int, (long Committed, long Count, double Sum)>> FlowsAsync()
    {
        using var flows = await GetAsync("/api/flows").ConfigureAwait(false);
        return flows.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("flow").GetInt32(),
            f => (f.GetProperty("committedSequence").GetInt64(), f.GetProperty("sampleCount").GetInt64(), f.GetProperty("valueSum").GetDouble()));
    }

    /// <summary>/metrics as name{labels} → value.</summary>
    public async Task<PrometheusText> MetricsAsync() => PrometheusText.Parse(await GetTextAsync("/metrics").ConfigureAwait(false));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _http.Dispose();
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment; the temp directory is the system's to clean.
        }
    }

    private async Task<bool> ReadyAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative)).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Builds the gateway once per bench process.</summary>
    private static string Build()
    {
        lock (BuildGate)
        {
            if (_built is null)
            {
                string root = RepoRoot();
                string output = Path.Combine(root, "artifacts", "bench-gateway");
                Run("dotnet", ["build", Path.Combine(root, "gateway", "Edge.Gateway"), "-c", "Release", "-o", output, "-v", "q", "-nologo"]);
                _built = output;
            }

            return _built;
        }
    }

    // The gateway logs warnings and errors only; they belong in the bench's output, marked as the gateway's, up to
    // a limit: an overloaded gateway can say the same thing thousands of times.
    private void Relay(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        int n = Interlocked.Increment(ref _relayed);
        if (n <= RelayLimit)
        {
            Console.Error.WriteLine("  [gateway] " + line);
        }
        else if (n == RelayLimit + 1)
        {
            Console.Error.WriteLine("  [gateway] (further output suppressed)");
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run the bench from inside the repository");
    }

    private static void Run(string file, string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args)) ?? throw new InvalidOperationException(file + " did not start");
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException(file + " " + string.Join(' ', args) + " failed");
        }
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
