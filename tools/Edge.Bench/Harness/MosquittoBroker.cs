using System.Diagnostics;
using System.Globalization;

namespace Edge.Bench.Harness;

/// <summary>
/// Mosquitto (the Debian package .ci/run installs) as a child process on a free loopback port, configured in a
/// temporary directory. <c>set_tcp_nodelay true</c>: without it Mosquitto leaves small packets (PUBACKs, acks) to
/// Nagle's algorithm and every round trip gains about 40 ms, which would measure the kernel, not the broker.
/// </summary>
internal sealed class MosquittoBroker : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _dir;

    private MosquittoBroker(Process process, DirectoryInfo dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// The whole configuration: loopback only, no persistence, queues deep enough that a slow subscriber is never
    /// dropped. The in-flight window to each subscriber stays Mosquitto's default (20): unlimited made it slower,
    /// 466k against 305k samples/s at 1,000 publishers in one comparison (its in-flight list is searched per PUBACK).
    /// </summary>
    public static string Config(int port) => string.Join('\n',
        "listener " + port.ToString(CultureInfo.InvariantCulture) + " 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "set_tcp_nodelay true",
        "max_queued_messages 1000000",
        "max_connections -1",
        "log_dest none",
        "");

    public static async Task<MosquittoBroker> StartAsync()
    {
        int port = Ports.Free();
        DirectoryInfo dir = Directory.CreateTempSubdirectory("edge-bench-mosquitto-");
        string conf = Path.Combine(dir.FullName, "mosquitto.conf");
        await File.WriteAllTextAsync(conf, Config(port)).ConfigureAwait(false);
        var process = Process.Start(new ProcessStartInfo("mosquitto", ["-c", conf])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = dir.FullName,
        }) ?? throw new InvalidOperationException("mosquitto did not start (apt-get install mosquitto)");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new MosquittoBroker(process, dir, port);
        for (int i = 0; i < 100 && !Ports.Accepts(port); i++)
        {
            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        if (process.HasExited || !Ports.Accepts(port))
        {
            broker.Dispose();
            throw new InvalidOperationException("mosquitto did not listen on " + port);
        }

        return broker;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _dir.Delete(recursive: true);
    }
}
