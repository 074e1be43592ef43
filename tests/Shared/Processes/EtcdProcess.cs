using System.Globalization;

namespace Edge.Tests.Shared.Processes;

/// <summary>A real single-member etcd (Debian's etcd-server package) with its data in a temp folder, on two free loopback ports.</summary>
internal sealed class EtcdProcess : ServiceProcess
{
    private EtcdProcess(int clientPort)
        : base("etcd")
    {
        ClientPort = clientPort;
    }

    public int ClientPort { get; }

    /// <summary>The --election URI of this etcd.</summary>
    public string Uri => "etcd://127.0.0.1:" + ClientPort.ToString(CultureInfo.InvariantCulture);

    public static async Task<EtcdProcess> StartAsync(int clientPort, int peerPort)
    {
        var server = new EtcdProcess(clientPort);
        string client = "http://127.0.0.1:" + clientPort.ToString(CultureInfo.InvariantCulture);
        string peer = "http://127.0.0.1:" + peerPort.ToString(CultureInfo.InvariantCulture);
        server.Launch(Require("etcd", "etcd-server"),
        [
            "--name", "edge", "--data-dir", Path.Combine(server.Directory, "data"),
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "edge=" + peer,
            "--logger", "zap", "--log-level", "warn",
        ]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await server.WaitUntilAsync(async () =>
        {
            try
            {
                return (await http.GetStringAsync(new System.Uri(client + "/health")).ConfigureAwait(false)).Contains("\"true\"", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, "etcd healthy", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        return server;
    }
}
