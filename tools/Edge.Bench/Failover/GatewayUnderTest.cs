using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Edge.Bench.Failover;

/// <summary>
/// The real gateway (embedded MQTTnet broker, SQLite, supervisor) as a child process on free loopback ports,
/// built into artifacts/ first so the running simulator's own binaries are never overwritten.
/// </summary>
internal sealed class GatewayUnderTest : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly string _db;

    private GatewayUnderTest(Process process, int mqttPort, int httpPort, string db)
    {
        _process = process;
        MqttPort = mqttPort;
        _db = db;
        _http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture)), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int MqttPort { get; }

    public static async Task<GatewayUnderTest> StartAsync(string flows)
    {
        string root = RepoRoot();
        string output = Path.Combine(root, "artifacts", "bench-gateway");
        Run("dotnet", ["build", Path.Combine(root, "gateway", "Edge.Gateway"), "-c", "Release", "-o", output, "-v", "q", "-nologo"]);
        int mqtt = FreePort();
        int http = FreePort();
        string db = Path.Combine(Path.GetTempPath(), "edge-bench-" + Guid.NewGuid().ToString("N") + ".db");
        var process = Process.Start(new ProcessStartInfo("dotnet",
        [
            Path.Combine(output, "Edge.Gateway.dll"), "--mqtt-port", Text(mqtt), "--http-port", Text(http), "--db", db, "--site", "lab",
            "--flows", flows, "--gateway-id", "gw-bench", "--log-level", "Warning",
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true }) ?? throw new InvalidOperationException("gateway did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayUnderTest(process, mqtt, http, db);
        for (int i = 0; i < 200 && !await gateway.ReadyAsync().ConfigureAwait(false); i++)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        return gateway;
    }

    public async Task<JsonDocument> GetAsync(string path) =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false));

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

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _http.Dispose();
        File.Delete(_db);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
