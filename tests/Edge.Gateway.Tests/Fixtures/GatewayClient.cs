using System.Globalization;
using System.Text.Json;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>Reads the gateway's REST API and /metrics the way a dashboard would.</summary>
internal sealed class GatewayClient(int httpPort) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
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

    /// <summary>/healthz as it answers, 200 or 503, with its JSON detail.</summary>
    public async Task<(int Status, string Body)> HealthAsync()
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The /healthz body whatever its status, or why it did not answer (a gateway process that is gone).</summary>
    public async Task<string> HealthBodyAsync()
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
            return await response.Content.ReadAsStringAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }

    public async Task<(long Committed, long Count, double Sum)> FlowAsync(int flow)
    {
        using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/flows", UriKind.Relative)));
        JsonElement f = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("flow").GetInt32() == flow);
        return (f.GetProperty("committedSequence").GetInt64(), f.GetProperty("sampleCount").GetInt64(), f.GetProperty("valueSum").GetDouble());
    }

    public async Task<long> RejectedAsync(string reason)
    {
        using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/rejections", UriKind.Relative)));
        return doc.RootElement.TryGetProperty(reason, out JsonElement n) ? n.GetInt64() : 0;
    }

    public Task<string> GetAsync(string path) => _http.GetStringAsync(new Uri(path, UriKind.Relative));

    /// <summary>The value of one sample line in /metrics, e.g. edge_gateway_rejected_total{reason="truncated"}.</summary>
    public async Task<double> MetricAsync(string series)
    {
        string text = await GetAsync("/metrics");
        string? line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public void Dispose() => _http.Dispose();
}
