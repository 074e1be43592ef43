using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Edge.Dashboard.Tests.Fixtures;

/// <summary>
/// A real Node-RED (npm node-red, installed at build time into tests/Edge.Dashboard.Tests/node-red) as a child
/// process on a free loopback port with a temporary user directory. It listens to the editor's own channel
/// (the /comms websocket), so the test sees exactly what the editor would: node status badges and the debug
/// sidebar. Killed and its directory removed on dispose.
/// </summary>
internal sealed class NodeRedProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-node-red-").FullName;
    private readonly ClientWebSocket _comms = new();
    private readonly CancellationTokenSource _stop = new();
    private Process? _process;
    private Task? _reader;

    private NodeRedProcess(int port) => Url = new Uri($"http://127.0.0.1:{port}/");

    public Uri Url { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>What the editor would receive: (topic, data), e.g. ("status/&lt;node id&gt;", {text}) or ("debug", {id, msg}).</summary>
    public ConcurrentQueue<(string Topic, JsonElement Data)> Messages { get; } = new();

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

    public static async Task<NodeRedProcess> StartAsync()
    {
        string redJs = Repo.Path("tests", "Edge.Dashboard.Tests", "node-red", "node_modules", "node-red", "red.js");
        Assert.True(File.Exists(redJs), $"{redJs} is missing: building tests/Edge.Dashboard.Tests runs npm ci in its node-red folder");
        var nodeRed = new NodeRedProcess(FreePort.Next());
        await nodeRed.LaunchAsync(redJs);
        return nodeRed;
    }

    /// <summary>Deploys a whole flow through the admin API, as the editor's Deploy button does.</summary>
    public async Task DeployAsync(string flowJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, "flows")) { Content = new StringContent(flowJson, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Node-RED-Deployment-Type", "full");
        using HttpResponseMessage response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"deploy answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{Log}");
    }

    /// <summary>Presses an inject node's button.</summary>
    public async Task InjectAsync(string nodeId)
    {
        using HttpResponseMessage response = await Http.PostAsync(new Uri(Url, "inject/" + nodeId), null);
        Assert.True(response.IsSuccessStatusCode, $"inject answered {(int)response.StatusCode}\n{Log}");
    }

    /// <summary>Bounded wait for a condition; fails with Node-RED's log so a failure explains itself.</summary>
    public async Task WaitForAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            Assert.False(_process?.HasExited ?? true, "Node-RED exited:\n" + Log);
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what()}; Node-RED log:\n{Log}");
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }

    public Task WaitForAsync(Func<bool> condition, Func<string> what, TimeSpan timeout) =>
        WaitForAsync(() => Task.FromResult(condition()), what, timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        if (_reader is not null)
        {
            await _reader.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _process?.Dispose();
        _comms.Dispose();
        _stop.Dispose();
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

    private async Task LaunchAsync(string redJs)
    {
        // No telemetry or update check, no palette installs, credentials unencrypted (there are none), loopback only.
        string settings = Path.Combine(_directory, "settings.js");
        await File.WriteAllTextAsync(settings, """
            module.exports = {
              uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: false,
              telemetry: { enabled: false }, diagnostics: { enabled: false, ui: false },
              externalModules: { palette: { allowInstall: false } }, editorTheme: { tours: false },
              logging: { console: { level: 'info', metrics: false, audit: false } }
            };
            """);
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { redJs, "--port", Url.Port.ToString(CultureInfo.InvariantCulture), "--userDir", _directory, "--settings", settings })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForAsync(IsUpAsync, () => "Node-RED's admin API", TimeSpan.FromSeconds(60));

        await _comms.ConnectAsync(new Uri($"ws://127.0.0.1:{Url.Port}/comms"), _stop.Token);
        foreach (string topic in new[] { "debug", "status/#" })
        {
            await _comms.SendAsync(Encoding.UTF8.GetBytes($$"""{"subscribe":"{{topic}}"}"""), WebSocketMessageType.Text, true, _stop.Token);
        }

        _reader = Task.Run(ReadCommsAsync);
    }

    /// <summary>The editor channel sends JSON arrays of {topic, data}.</summary>
    private async Task ReadCommsAsync()
    {
        byte[] buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _comms.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result = await _comms.ReceiveAsync(buffer, _stop.Token);
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            using (JsonDocument batch = JsonDocument.Parse(message.ToArray()))
            {
                foreach (JsonElement item in batch.RootElement.ValueKind == JsonValueKind.Array ? batch.RootElement.EnumerateArray() : Enumerable.Empty<JsonElement>())
                {
                    if (item.TryGetProperty("topic", out JsonElement topic) && item.TryGetProperty("data", out JsonElement data))
                    {
                        Messages.Enqueue((topic.GetString()!, data.Clone()));
                    }
                }
            }

            message.SetLength(0);
        }
    }

    private async Task<bool> IsUpAsync()
    {
        try
        {
            using HttpResponseMessage response = await Http.GetAsync(new Uri(Url, "settings"));
            return response.IsSuccessStatusCode;
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
