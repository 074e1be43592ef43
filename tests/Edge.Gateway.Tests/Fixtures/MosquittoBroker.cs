using System.Diagnostics;
using System.Net.Sockets;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>
/// A real Mosquitto (the Debian package .ci/run installs) on a free loopback port with a generated config,
/// no persistence; killed and its directory removed on dispose.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _dir;

    private MosquittoBroker(Process process, TempDirectory dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync(int? onPort = null)
    {
        var dir = new TempDirectory();
        int port = onPort ?? FreePort.Next();
        string conf = dir.File("mosquitto.conf");
        await File.WriteAllTextAsync(conf, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n");
        var process = Process.Start(new ProcessStartInfo(Tools.Find("mosquitto"), ["-c", conf])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new MosquittoBroker(process, dir, port);
        await Eventually.TrueAsync(() => Task.FromResult(Accepts(port) || process.HasExited), () => "mosquitto listening");
        Assert.False(process.HasExited, "mosquitto exited at start");
        return broker;
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
