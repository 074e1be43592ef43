using System.Globalization;

namespace Edge.Tests.Shared.Processes;

/// <summary>A real Mosquitto (Debian's mosquitto package) on a free loopback port, for the benches (the tests have their own fixture).</summary>
internal sealed class MosquittoProcess : ServiceProcess
{
    private MosquittoProcess(int port)
        : base("mosquitto")
    {
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoProcess> StartAsync(int port)
    {
        var broker = new MosquittoProcess(port);
        string conf = Path.Combine(broker.Directory, "mosquitto.conf");
        await File.WriteAllTextAsync(conf, $"listener {port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1\nallow_anonymous true\n"
            + "max_queued_messages 100000\npersistence false\n").ConfigureAwait(false);
        broker.Launch(Require("mosquitto", "mosquitto"), ["-c", conf]);
        await broker.WaitUntilAsync(() => Task.FromResult(Accepts(port)), "mosquitto listening", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return broker;
    }
}
