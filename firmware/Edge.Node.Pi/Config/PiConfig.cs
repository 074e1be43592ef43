using Edge.Protocol;

namespace Edge.Node.Pi.Config;

/// <summary>
/// The node's JSON config file (default /etc/edge/node.json): who it is, where the brokers are, where it keeps
/// its session and spill files, and which sources feed which flows. Names are camelCase in the file.
/// </summary>
internal sealed class PiConfig
{
    public const string DefaultPath = "/etc/edge/node.json";

    public string Site { get; set; } = Topics.DefaultSite;

    public string Node { get; set; } = "pi-01";

    public string Board { get; set; } = "raspberry-pi";

    /// <summary>Brokers as "host:port"; a failed connect moves to the next.</summary>
    public IReadOnlyList<string> Brokers { get; set; } = ["127.0.0.1:1883"];

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// The lab CA's certificate (PEM, `edge-gateway certs ca`): when set, the node connects with TLS (brokers on
    /// port 8883) and refuses a broker whose certificate that CA did not sign or that does not name the broker's
    /// host as written in <see cref="Brokers"/>. Relative to the config file's folder.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>Telemetry period until the gateway's retained config says otherwise; the protocol's default.</summary>
    public long HeartbeatMs { get; set; } = ConfigMessage.DefaultHeartbeatMs;

    /// <summary>Session number and spill files live here (systemd's StateDirectory=edge gives /var/lib/edge).</summary>
    public string DataDir { get; set; } = "/var/lib/edge";

    /// <summary>How often the agent thread runs: receive, sample, spill, send.</summary>
    public int TickMs { get; set; } = 20;

    /// <summary>fsync the spill once per tick in which it changed (off only for tests on slow disks).</summary>
    public bool Fsync { get; set; } = true;

    /// <summary>A status line on stdout (the journal) this often; 0 turns it off.</summary>
    public long StatusEveryMs { get; set; } = 10_000;

    /// <summary>BCM number of the status LED's GPIO; absent = no LED.</summary>
    public int? LedPin { get; set; }

    /// <summary>Flows one node can serve at once (agent lanes).</summary>
    public int MaxFlows { get; set; } = 4;

    /// <summary>Samples held per flow at most (RAM and spill), in blocks of 32.</summary>
    public int CeilingBlocks { get; set; } = 256;

    public IReadOnlyList<SourceConfig> Sources { get; set; } = [];

    /// <summary>Reads and checks a config file; relative source files are resolved against its folder.</summary>
    public static PiConfig Load(string path)
    {
        PiConfig config;
        using (FileStream file = File.OpenRead(path))
        {
            config = System.Text.Json.JsonSerializer.Deserialize(file, PiConfigJson.Default.PiConfig)
                ?? throw new InvalidDataException(path + ": empty config");
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (config.CaFile is { Length: > 0 } caFile && !Path.IsPathRooted(caFile))
        {
            config.CaFile = Path.Combine(folder, caFile);
        }
        foreach (SourceConfig source in config.Sources)
        {
            if (source.File is { Length: > 0 } file && !Path.IsPathRooted(file))
            {
                source.File = Path.Combine(folder, file);
            }
        }

        config.Validate();
        return config;
    }

    public void Validate()
    {
        Require(Fields.IsValidId(Site), "site '" + Site + "' must be 1 - 64 characters of A-Z a-z 0-9 _ . - (it is a topic level)");
        Require(Fields.IsValidId(Node), "node '" + Node + "' must be 1 - 64 characters of A-Z a-z 0-9 _ . - (it is a topic level)");
        Require(Brokers.Count > 0, "at least one broker is required");
        foreach (string broker in Brokers)
        {
            Require(IsHostAndPort(broker), "broker '" + broker + "' must be host:port, e.g. 192.0.2.10:1883");
        }

        Require(CaFile is null || CaFile.Length > 0, "caFile must be a path to the lab CA's certificate (PEM), or left out for plain MQTT");
        Require(CaFile is null || File.Exists(CaFile), "caFile '" + CaFile + "' does not exist (copy the gateway's ca.crt there)");
        Require(HeartbeatMs is >= 100 and <= 3_600_000, "heartbeatMs must be 100 - 3600000");
        Require(TickMs is >= 1 and <= 1000, "tickMs must be 1 - 1000");
        Require(DataDir.Length > 0, "dataDir is required");
        Require(MaxFlows is >= 1 and <= 64, "maxFlows must be 1 - 64");
        Require(CeilingBlocks is >= 4 and <= 65_536, "ceilingBlocks must be 4 - 65536");
        var flows = new HashSet<int>();
        foreach (SourceConfig source in Sources)
        {
            source.Validate();
            Require(flows.Add(source.Flow), "flow " + source.Flow + " has two sources");
        }
    }

    private static bool IsHostAndPort(string broker)
    {
        int colon = broker.LastIndexOf(':');
        return colon > 0 && broker.IndexOfAny([' ', '/']) < 0
            && int.TryParse(broker.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            && port is >= 1 and <= 65_535;
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException("config: " + message);
        }
    }
}
