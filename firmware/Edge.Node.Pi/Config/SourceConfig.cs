namespace Edge.Node.Pi.Config;

/// <summary>One flow's source: a network counter, a GPIO pulse input, a replayed file or an I2C sensor.</summary>
internal sealed class SourceConfig
{
    public const string NetCounter = "netcounter";
    public const string GpioPulse = "gpio-pulse";
    public const string Replay = "replay";
    public const string Bme280 = "bme280";
    public const string Ads1115 = "ads1115";

    /// <summary>replay's modes: row values as samples, or row values as an arrival rate.</summary>
    public const string ModeValues = "values";
    public const string ModeArrivals = "arrivals";

    public int Flow { get; set; }

    /// <summary>"netcounter", "gpio-pulse", "replay", "bme280" or "ads1115".</summary>
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

    /// <summary>
    /// replay: "values" (default: row n is sample n) or "arrivals" (row values are an arrival rate: each row lasts
    /// 1/rate s and brings value x scale arrivals per second, each recorded as one sample carrying the row's value).
    /// </summary>
    public string Mode { get; set; } = ModeValues;

    /// <summary>replay in arrivals mode: arrivals per second per unit of the row value. ads1115: volts to the flow's unit.</summary>
    public double Scale { get; set; } = 1;

    /// <summary>ads1115: added after scaling (value = volts x scale + offset).</summary>
    public double Offset { get; set; }

    /// <summary>bme280, ads1115: the I2C bus (1 is the 40-pin header's GPIO 2/3 on every Pi since the B+).</summary>
    public int Bus { get; set; } = 1;

    /// <summary>bme280: 0x76 (SDO to GND, most breakouts) or 0x77; ads1115: 0x48 - 0x4B (ADDR to GND, VDD, SDA, SCL).</summary>
    public int? Address { get; set; }

    /// <summary>bme280: "temperature" (°C), "humidity" (%RH) or "pressure" (hPa).</summary>
    public string Measure { get; set; } = "temperature";

    /// <summary>ads1115: the single-ended input AIN0 - AIN3.</summary>
    public int Channel { get; set; }

    /// <summary>ads1115: the PGA's full-scale range in volts (6.144, 4.096, 2.048, 1.024, 0.512 or 0.256).</summary>
    public double Range { get; set; } = 4.096;

    /// <summary>Samples per second: counter and pulse readings, replayed rows, sensor readings.</summary>
    public double Rate { get; set; } = 1;

    /// <summary>The sampling period in milliseconds; when given it sets the rate (1000 / periodMs) instead of "rate".</summary>
    public int? PeriodMs { get; set; }

    /// <summary>Readings per second from "periodMs" when given, else "rate".</summary>
    public double SamplesPerSecond => PeriodMs is int period ? 1000.0 / period : Rate;

    /// <summary>The I2C address the sensor answers at, the kind's default when none is configured.</summary>
    public int I2cAddress => Address ?? (Kind == Ads1115 ? 0x48 : 0x76);

    public void Validate()
    {
        string where = "source for flow " + Flow + ": ";
        PiConfig.Require(Flow is >= 0 and <= 65_535, where + "flow must be 0 - 65535");
        PiConfig.Require(Rate is > 0 and <= 10_000, where + "rate must be > 0 and <= 10000");
        PiConfig.Require(PeriodMs is null or (>= 1 and <= 3_600_000), where + "periodMs must be 1 - 3600000");
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
                PiConfig.Require(Mode is ModeValues or ModeArrivals, where + "mode is values or arrivals");
                PiConfig.Require(Scale is > 0 and <= 1_000_000, where + "scale must be > 0 and <= 1000000");
                break;
            case Bme280:
                PiConfig.Require(Bus is >= 0 and <= 255, where + "bus must be 0 - 255 (/dev/i2c-<bus>)");
                PiConfig.Require(I2cAddress is 0x76 or 0x77, where + "address of a BME280 is 0x76 (118) or 0x77 (119)");
                PiConfig.Require(Measure is Sources.Bme280Sensor.Temperature or Sources.Bme280Sensor.Humidity or Sources.Bme280Sensor.Pressure, where + "measure is temperature, humidity or pressure");
                break;
            case Ads1115:
                PiConfig.Require(Bus is >= 0 and <= 255, where + "bus must be 0 - 255 (/dev/i2c-<bus>)");
                PiConfig.Require(I2cAddress is >= 0x48 and <= 0x4B, where + "address of an ADS1115 is 0x48 - 0x4B (72 - 75)");
                PiConfig.Require(Channel is >= 0 and <= 3, where + "channel must be 0 - 3 (AIN0 - AIN3)");
                PiConfig.Require(Array.IndexOf(Sources.Ads1115Sensor.Ranges, Range) >= 0, where + "range must be 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256 (volts)");
                PiConfig.Require(double.IsFinite(Scale) && double.IsFinite(Offset), where + "scale and offset must be numbers");
                break;
            default:
                PiConfig.Require(false, where + "kind must be netcounter, gpio-pulse, replay, bme280 or ads1115");
                break;
        }
    }
}
