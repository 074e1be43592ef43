using System.Globalization;
using System.Text.Json;
using Edge.Protocol;
using Microsoft.Data.Sqlite;

namespace Edge.Node.Pi.Tests.Fixtures;

/// <summary>The gateway as a child process (dotnet Edge.Gateway.dll) with its embedded broker, read through its REST API and its database.</summary>
internal sealed class GatewayChild : IAsyncDisposable
{
    public const string Site = "lab";
    private readonly ChildProcess _process;
    private readonly HttpClient _http;
    private readonly string _db;

    private GatewayChild(ChildProcess process, int httpPort, string db, string? caFile)
    {
        _process = process;
        _db = db;
        if (caFile is null)
        {
            _http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture)), Timeout = TimeSpan.FromSeconds(5) };
        }
        else
        {
            // With TLS the gateway serves HTTPS only: trust its lab CA, as a browser that imported ca.crt.
            var handler = new SocketsHttpHandler();
            handler.SslOptions.CertificateChainPolicy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
            {
                TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
                RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                CustomTrustStore = { System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(caFile) },
            };
            _http = new HttpClient(handler) { BaseAddress = new Uri("https://127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture)), Timeout = TimeSpan.FromSeconds(5) };
        }
    }

    public static Task<GatewayChild> StartAsync(string db, int mqttPort, int httpPort, string flows) => StartAsync(db, mqttPort, httpPort, flows, null, []);

    /// <summary>With the server certificate `certs server` wrote into <paramref name="certs"/>: MQTT over TLS on <paramref name="tlsPort"/>, HTTPS.</summary>
    public static Task<GatewayChild> StartTlsAsync(string db, int mqttPort, int httpPort, string flows, string certs, int tlsPort) =>
        StartAsync(db, mqttPort, httpPort, flows, Path.Combine(certs, "ca.crt"),
            ["--tls-cert", Path.Combine(certs, "server.crt"), "--tls-key", Path.Combine(certs, "server.key"), "--tls-port", tlsPort.ToString(CultureInfo.InvariantCulture)]);

    private static async Task<GatewayChild> StartAsync(string db, int mqttPort, int httpPort, string flows, string? caFile, string[] extra)
    {
        string dll = RepoPaths.GatewayDll();
        Assert.True(File.Exists(dll), "gateway not built: " + dll);
        var process = ChildProcess.Start("dotnet",
        [
            dll, "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture), "--http-port", httpPort.ToString(CultureInfo.InvariantCulture),
            "--db", db, "--site", Site, "--flows", flows, "--log-level", "Warning", .. extra,
        ]);
        var gateway = new GatewayChild(process, httpPort, db, caFile);
        await Eventually.TrueAsync(async () => process.HasExited || await gateway.IsReadyAsync(), () => "gateway ready\n" + process.Output(), 60_000);
        Assert.False(process.HasExited, "the gateway exited at start:\n" + process.Output());
        return gateway;
    }

    /// <summary>The flow's committed sequence, sample count and value sum; zeros before its first commit.</summary>
    public async Task<(long Committed, long Count, double Sum)> FlowAsync(int flow)
    {
        using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/flows", UriKind.Relative)));
        foreach (JsonElement f in doc.RootElement.EnumerateArray())
        {
            if (f.GetProperty("flow").GetInt32() == flow)
            {
                return (f.GetProperty("committedSequence").GetInt64(), f.GetProperty("sampleCount").GetInt64(), f.GetProperty("valueSum").GetDouble());
            }
        }

        return (0, 0, 0);
    }

    public Task<string> NodesAsync() => _http.GetStringAsync(new Uri("/api/nodes", UriKind.Relative));

    /// <summary>Every committed batch of a flow from the database, in sequence order, decoded from its wire bytes.</summary>
    public List<(long First, long Session, string Node, double[] Values)> Batches(int flow)
    {
        var batches = new List<(long, long, string, double[])>();
        using var connection = new SqliteConnection("Data Source=" + _db + ";Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT first_sequence, session, node, payload FROM batches WHERE flow = $f ORDER BY first_sequence";
        command.Parameters.AddWithValue("$f", flow);
        using SqliteDataReader reader = command.ExecuteReader();
        var batch = new DataBatch();
        while (reader.Read())
        {
            var payload = (byte[])reader[3];
            Assert.Equal(ProtocolError.None, DataBatchCodec.Decode(payload, 0, payload.Length, batch));
            batches.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), batch.Values.AsSpan(0, batch.Count).ToArray()));
        }

        return batches;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _http.Dispose();
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
