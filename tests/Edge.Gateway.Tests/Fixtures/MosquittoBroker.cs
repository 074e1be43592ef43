using System.Diagnostics;
using System.Net.Sockets;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>
/// A real Mosquitto (the Debian package .ci/run installs) on a free loopback port with a generated config;
/// killed and its directory removed on dispose. With persistence it keeps retained messages across a restart
/// on the same port, as a user's broker would.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly string _conf;
    private Process _process;

    private MosquittoBroker(Process process, TempDirectory dir, string conf, int port)
    {
        _process = process;
        _dir = dir;
        _conf = conf;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync(int? onPort = null, bool persistent = false, int maxQueuedMessages = 100_000)
    {
        var dir = new TempDirectory();
        int port = onPort ?? FreePort.Next();
        string conf = dir.File("mosquitto.conf");
        string persistence = persistent
            ? $"persistence true\npersistence_location {dir.Path}/\nautosave_interval 1\n"
            : "persistence false\n";
        await File.WriteAllTextAsync(conf, $"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages {maxQueuedMessages}\n{persistence}");
        var broker = new MosquittoBroker(await LaunchAsync(conf, port), dir, conf, port);
        return broker;
    }

    /// <summary>Stops the broker the way a service manager does (SIGTERM: it saves retained messages first).</summary>
    public async Task StopAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term!.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Starts it again on the same port with the same configuration.</summary>
    public async Task StartAgainAsync()
    {
        _process.Dispose();
        _process = await LaunchAsync(_conf, Port);
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

    private static async Task<Process> LaunchAsync(string conf, int port)
    {
        var process = Process.Start(new ProcessStartInfo(Tools.Find("mosquitto"), ["-c", conf])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await Eventually.TrueAsync(() => Task.FromResult(Accepts(port) || process.HasExited), () => "mosquitto listening");
        Assert.False(process.HasExited, "mosquitto exited at start");
        return process;
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
}
