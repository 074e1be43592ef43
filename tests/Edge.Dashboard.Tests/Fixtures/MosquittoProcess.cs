using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Edge.Dashboard.Tests.Fixtures;

/// <summary>
/// A fresh Mosquitto (Debian's, which .ci/run installs) on a free loopback port: the broker a Home Assistant
/// installation usually runs. Killed and its directory removed on dispose.
/// </summary>
internal sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-mosquitto-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public static async Task<MosquittoProcess> StartAsync()
    {
        var broker = new MosquittoProcess();
        string conf = Path.Combine(broker._directory, "mosquitto.conf");
        await File.WriteAllTextAsync(conf, $"listener {broker.Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        string mosquitto = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists) ?? "mosquitto";
        broker._process = Process.Start(new ProcessStartInfo(mosquitto, ["-c", conf]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("mosquitto did not start");
        broker._process.BeginErrorReadLine();
        broker._process.BeginOutputReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!broker.Accepts())
        {
            Assert.False(broker._process.HasExited, "mosquitto exited at start");
            await Task.Delay(50, timeout.Token);
        }

        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
