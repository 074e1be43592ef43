using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Edge.Dashboard.Tests.Fixtures;

/// <summary>
/// The gateway in demo mode as a child process (dotnet Edge.Gateway.dll --demo ...) on free ports with a temporary
/// database, ready when /healthz says so and at least three simulated nodes are live. Always killed at the end.
/// </summary>
public sealed class DemoGateway : IAsyncLifetime
{
    private readonly StringBuilder _log = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-dashboard-").FullName;
    private Process? _process;

    public Uri Url { get; } = new($"http://127.0.0.1:{FreePort.Next()}/");

    public int MqttPort { get; } = FreePort.Next();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        string dll = Repo.GatewayDll();
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution before running the tests");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[]
        {
            dll, "--demo", "--http-port", Url.Port.ToString(CultureInfo.InvariantCulture),
            "--mqtt-port", MqttPort.ToString(CultureInfo.InvariantCulture), "--db", Path.Combine(_directory, "demo.db"),
        })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("the gateway did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForAsync(async () => await IsReadyAsync(), "the demo gateway ready with 3 live nodes", TimeSpan.FromSeconds(45));
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held by a dying process is only a temporary file.
        }
    }

    /// <summary>Bounded wait for a condition; fails with the gateway's output so a failure explains itself.</summary>
    public async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            Assert.False(_process?.HasExited ?? true, "the gateway exited:\n" + Log);
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what}; gateway output:\n{Log}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using HttpResponseMessage health = await Http.GetAsync(new Uri(Url, "healthz"));
            if (!health.IsSuccessStatusCode)
            {
                return false;
            }

            using JsonDocument fleet = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Url, "api/fleet")));
            return fleet.RootElement.GetProperty("liveNodes").GetInt32() >= 3;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
