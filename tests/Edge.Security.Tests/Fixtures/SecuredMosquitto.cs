using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Edge.Gateway.Mqtt.Security;

namespace Edge.Security.Tests.Fixtures;

/// <summary>
/// A real Mosquitto (Debian package, installed by .ci/run) running the mosquitto.conf, password_file and acl_file
/// that `edge-gateway nodes mosquitto` writes, from credentials provisioned as `nodes add` does. The gateway's
/// secret sits next to <see cref="DatabasePath"/>, so a gateway started with that database logs in.
/// </summary>
internal sealed class SecuredMosquitto : IAsyncDisposable
{
    public const string GatewayId = "gw1";
    private readonly TempDirectory _dir;
    private readonly Process _process;

    private SecuredMosquitto(TempDirectory dir, Process process, int port, Dictionary<string, string> passwords, int tlsPort)
    {
        TlsPort = tlsPort;
        _dir = dir;
        _process = process;
        Port = port;
        Passwords = passwords;
    }

    public int Port { get; }

    /// <summary>The TLS listener's port when started with the lab's certificates, else 0.</summary>
    public int TlsPort { get; }

    public IReadOnlyDictionary<string, string> Passwords { get; }

    public string DatabasePath => _dir.File("gateway.db");

    public static async Task<SecuredMosquitto> StartAsync(string[] nodes, string[] dashboards, LabTls? tls = null)
    {
        var dir = new TempDirectory();
        var credentials = new NodeCredentials();
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string node in nodes)
        {
            passwords[node] = credentials.Add(node, Role.Node);
        }

        foreach (string dashboard in dashboards)
        {
            passwords[dashboard] = credentials.Add(dashboard, Role.Dashboard);
        }

        string secret = GatewaySecret.LoadOrCreate(GatewaySecret.PathFor(dir.File("gateway.db")));
        GatewaySecret.Register(credentials, GatewayId, secret);
        foreach (string id in GatewaySecret.ClientIds(GatewayId))
        {
            passwords[id] = secret;
        }

        int port = FreePort.Next();
        int tlsPort = tls is null ? 0 : FreePort.Next();
        MosquittoTls? listener = tls is null ? null : new MosquittoTls(tlsPort, tls.CaFile, tls.CertificateFile, tls.KeyFile);
        string conf = MosquittoFiles.Write(dir.File("mosquitto"), credentials, new TopicAcl(SecuredGateway.Site), "127.0.0.1", port, listener);
        if (Environment.UserName == "root")
        {
            // Started as root, Mosquitto drops to the 'mosquitto' user, which cannot read the owner-only password file.
            await File.AppendAllTextAsync(conf, "user root\n");
        }

        var process = Process.Start(new ProcessStartInfo(Find("mosquitto"), ["-c", conf])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await Eventually.TrueAsync(() => Task.FromResult((Accepts(port) && (tlsPort == 0 || Accepts(tlsPort))) || process.HasExited), () => "mosquitto listening");
        Assert.False(process.HasExited, "mosquitto exited at start (bad generated config?)");
        return new SecuredMosquitto(dir, process, port, passwords, tlsPort);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _dir.Dispose();
    }

    private static string Find(string name)
    {
        string[] dirs = [.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'), "/usr/sbin", "/usr/bin"];
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(name + " is not installed; .ci/run installs it (apt-get install mosquitto)");
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public override string ToString() => "mosquitto on " + Port.ToString(CultureInfo.InvariantCulture);
}
