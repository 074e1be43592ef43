using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>An HTTP endpoint on a free loopback port that answers 503 to its first requests, then 200 and keeps the rollups.</summary>
internal sealed class FailingThenRecoveringWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _failures;
    private readonly Task _loop;
    private int _requests;

    public FailingThenRecoveringWebhook(int failures)
    {
        _failures = failures;
        int port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/rollups/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int Requests => _requests;

    /// <summary>(window, flow, start) -> count, of every rollup accepted with 200.</summary>
    public ConcurrentDictionary<(string, int, long), long> Taken { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ = _loop;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            if (Interlocked.Increment(ref _requests) <= _failures)
            {
                context.Response.StatusCode = 503;
            }
            else
            {
                using JsonDocument body = await JsonDocument.ParseAsync(context.Request.InputStream);
                foreach (JsonElement r in body.RootElement.EnumerateArray())
                {
                    Taken[(r.GetProperty("window").GetString()!, r.GetProperty("flow").GetInt32(), r.GetProperty("start").GetInt64())] = r.GetProperty("count").GetInt64();
                }

                context.Response.StatusCode = 200;
            }

            context.Response.Close();
        }
    }
}
