namespace Edge.Node.Pi.Config;

/// <summary>One flow's source: a network counter, a GPIO pulse input or a replayed file.</summary>
internal sealed class SourceConfig
{
    public const string NetCounter = "netcounter";
    public const string GpioPulse = "gpio-pulse";
    public const string Replay = "replay";

    public int Flow { get; set; }

    /// <summary>"netcounter", "gpio-pulse" or "replay".</summary>
    public string Kind { get; set; } = "";

    /// <summary>netcounter: the interface, e.g. eth0 or wlan0.</summary>
    public string? Interface { get; set; }

    /// <summary>netcounter: a file of /sys/class/net/&lt;if&gt;/statistics, e.g. rx_bytes or tx_bytes.</summary>
    public string Counter { get; set; } = "rx_bytes";

    /// <summary>netcounter: where the interfaces are (tests point it at a folder they make).</summary>
    public string SysfsRoot { get; set; } = "/sys/class/net";

    /// <summary>gpio-pulse: BCM number of the input pin.</summary>
    public int? Pin { get; set; }

    /// <summary>gpio-pulse: "down" (default, S0 output or reed switch to 3V3), "up" or "none".</summary>
    public string Pull { get; set; } = "down";

    /// <summary>gpio-pulse: edges closer than this to the last counted one are contact bounce.</summary>
    public int DebounceMs { get; set; } = 10;

    /// <summary>replay: a timestamp,value CSV (relative to the config file's folder).</summary>
    public string? File { get; set; }

    /// <summary>replay: start again at the first row after the last (sequence n plays row n mod rows).</summary>
    public bool Loop { get; set; } = true;

    /// <summary>Samples per second: counter and pulse readings, or replayed rows.</summary>
    public double Rate { get; set; } = 1;

    public void Validate()
    {
        string where = "source for flow " + Flow + ": ";
        PiConfig.Require(Flow is >= 0 and <= 65_535, where + "flow must be 0 - 65535");
        PiConfig.Require(Rate is > 0 and <= 10_000, where + "rate must be > 0 and <= 10000");
        switch (Kind)
        {
            case NetCounter:
                PiConfig.Require(!string.IsNullOrEmpty(Interface) && !Interface.Contains('/', StringComparison.Ordinal), where + "interface is required (e.g. eth0)");
                PiConfig.Require(Counter.Length > 0 && !Counter.Contains('/', StringComparison.Ordinal), where + "counter is a file name such as rx_bytes");
                break;
            case GpioPulse:
                PiConfig.Require(Pin is >= 0 and <= 53, where + "pin (BCM 0 - 53) is required");
                PiConfig.Require(Pull is "down" or "up" or "none", where + "pull is down, up or none");
                PiConfig.Require(DebounceMs is >= 0 and <= 1000, where + "debounceMs must be 0 - 1000");
                break;
            case Replay:
                PiConfig.Require(!string.IsNullOrEmpty(File), where + "file is required");
                break;
            default:
                PiConfig.Require(false, where + "kind must be netcounter, gpio-pulse or replay");
                break;
        }
    }
}
