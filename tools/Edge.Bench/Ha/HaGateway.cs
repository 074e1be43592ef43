using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Edge.Tests.Shared.Processes;

namespace Edge.Bench.Ha;

/// <summary>
/// One gateway of the HA mode as a child process (the Release build in artifacts/), with the operator's command
/// line: --broker, --store, --election. It can be killed (SIGKILL), paused (SIGSTOP/SIGCONT) and started again
/// under the same id; its /api/leader says its role, its last takeover's timings and its acks per term.
/// </summary>
internal sealed class HaGateway : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private readonly string[] _args;
    private readonly string _dll;
    private readonly HttpClient _http;
    private Process? _process;

    public HaGateway(string dll, string id, int httpPort, string[] args)
    {
        _dll = dll;
        Id = id;
        _args = args;
        _http = new HttpClient
        {
            BaseAddress = new Uri("http://127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture)),
            Timeout = TimeSpan.FromMilliseconds(500),
        };
    }

    public string Id { get; }

    public bool Running => _process is { HasExited: false };

    /// <summary>Times this gateway was started (the first start included).</summary>
    public int Starts { get; private set; }

    /// <summary>The process's last output lines, for a report of why a start failed.</summary>
    public string Output => string.Join('\n', _output);

    public void Start()
    {
        Starts++;
        _output.Clear();
        _process?.Dispose();
        _process = Process.Start(new ProcessStartInfo("dotnet", [_dll, .. _args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("gateway did not start");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public void Kill()
    {
        _process!.Kill();
        _process.WaitForExit();
    }

    public void Pause() => Signals.Send(_process!.Id, Signals.Stop);

    public void Resume() => Signals.Send(_process!.Id, Signals.Continue);

    /// <summary>/api/leader, or null while the gateway does not answer (starting, paused, dead).</summary>
    public async Task<LeaderState?> LeaderAsync()
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/leader", UriKind.Relative)).ConfigureAwait(false));
            return LeaderState.From(Id, doc.RootElement);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    public async Task<JsonDocument?> GetAsync(string path)
    {
        try
        {
            return JsonDocument.Parse(await _http.GetStringAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    public async Task<bool> ReadyAsync()
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative)).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 40)
        {
            _output.TryDequeue(out _);
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            Resume();
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _http.Dispose();
    }
}

/// <summary>What /api/leader says: role, token, the last takeover's steps, and the acks per term (as windows).</summary>
internal sealed record LeaderState(string Gateway, string Role, long Token, Takeover? LastTakeover, IReadOnlyList<AckSpan> Acks)
{
    public static LeaderState From(string gateway, JsonElement e)
    {
        Takeover? takeover = e.TryGetProperty("lastTakeover", out JsonElement t) && t.ValueKind == JsonValueKind.Object
            ? new Takeover(t.GetProperty("electedAtMs").GetInt64(), t.GetProperty("claimMs").GetDouble(), t.GetProperty("reloadMs").GetDouble(),
                t.GetProperty("announceMs").GetDouble(), t.GetProperty("token").GetInt64())
            : null;
        var acks = e.GetProperty("acks").EnumerateArray()
            .Select(w => new AckSpan(gateway, w.GetProperty("token").GetInt64(), w.GetProperty("firstMs").GetInt64(), w.GetProperty("lastMs").GetInt64()))
            .ToList();
        return new LeaderState(gateway, e.GetProperty("role").GetString() ?? "", e.GetProperty("token").GetInt64(), takeover, acks);
    }
}

/// <summary>When the election said the gateway won (ms since the epoch), then its claim, reload and announce steps.</summary>
internal sealed record Takeover(long ElectedAtMs, double ClaimMs, double ReloadMs, double AnnounceMs, long Token);

/// <summary>The first and last ack one gateway process published in one term.</summary>
internal sealed record AckSpan(string Gateway, long Token, long FirstMs, long LastMs);
