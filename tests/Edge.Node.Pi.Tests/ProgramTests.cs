namespace Edge.Node.Pi.Tests;

/// <summary>
/// The command line as a user meets it: help with examples, and every mistake one line on stderr with exit code 2,
/// never a stack trace. Each case fails before the node would start, so none of them waits for a signal.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ProgramTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Help_shows_the_options_and_examples_and_exits_zero()
    {
        var (code, output, errors) = Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("--config", output, StringComparison.Ordinal);
        Assert.Contains("--check", output, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("--flow", "3")]
    [InlineData("--sitee", "lab")]
    [InlineData("stray")]
    public void An_unknown_option_or_argument_is_refused_in_one_line(params string[] args)
    {
        var (code, output, errors) = Run(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Matches(@"^edge-node: Unrecognized command or argument '[^']+'\. \(edge-node --help shows the options\)\r?\n$", errors);
    }

    [Theory]
    [InlineData("""{ "node": "pi/01" }""", "node 'pi/01' must be 1 - 64 characters")]
    [InlineData("""{ "site": "lab#" }""", "site 'lab#' must be 1 - 64 characters")]
    [InlineData("""{ "brokers": ["192.0.2.10"] }""", "broker '192.0.2.10' must be host:port")]
    [InlineData("""{ "brokers": ["192.0.2.10:70000"] }""", "broker '192.0.2.10:70000' must be host:port")]
    [InlineData("""{ "tickMs": "fast" }""", "cannot use")]
    [InlineData("""{ "sources": [ { "flow": 3, "kind": "replay", "file": "missing.csv" } ] }""", "source for flow 3: cannot read replay file")]
    [InlineData("""{ "sources": [ { "flow": 4, "kind": "netcounter", "interface": "eth7" } ] }""", "source for flow 4: interface eth7 does not exist (this machine has: ")]
    [InlineData("""{ "sources": [ { "flow": 5, "kind": "bme280", "address": 64 } ] }""", "address of a BME280 is 0x76 (118) or 0x77 (119)")]
    [InlineData("""{ "dataDir": "/proc/edge-cannot-be-here" }""", "dataDir /proc/edge-cannot-be-here cannot be created or written")]
    public void A_config_that_cannot_work_is_one_clear_line_and_exit_code_2(string json, string expected)
    {
        string config = Config(json);

        var (code, _, errors) = Run("--config", config);

        Assert.Equal(2, code);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_is_one_line()
    {
        var (code, _, errors) = Run("--config", _dir.File("absent.json"));

        Assert.Equal(2, code);
        Assert.StartsWith("edge-node: cannot use " + _dir.File("absent.json") + ": ", errors, StringComparison.Ordinal);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_led_pin_without_gpio_is_one_line_naming_libgpiod()
    {
        if (File.Exists("/dev/gpiochip0"))
        {
            return; // A machine with GPIO would start the node here; the point is the machine without it.
        }

        var (code, _, errors) = Run("--config", Config("""{ "ledPin": 27 }"""));

        Assert.Equal(2, code);
        Assert.StartsWith("edge-node: ledPin 27: GPIO is not available (", errors, StringComparison.Ordinal);
        Assert.Contains("libgpiod", errors, StringComparison.Ordinal);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Check_reads_the_config_and_the_replay_file_and_lists_the_flows_without_starting()
    {
        File.WriteAllText(_dir.File("trace.csv"), "timestamp,value\n1,2\n");
        string config = Config("""{ "sources": [ { "flow": 3, "kind": "replay", "file": "trace.csv", "mode": "arrivals", "scale": 4, "periodMs": 250 }, { "flow": 21, "kind": "bme280", "measure": "humidity", "periodMs": 5000 } ] }""");

        var (code, output, errors) = Run("--config", config, "--check");

        Assert.Equal(0, code);
        Assert.Empty(errors);
        Assert.Contains("flow 3: replay, 4 readings/s", output, StringComparison.Ordinal);
        Assert.Contains("flow 21: bme280, 0.2 readings/s", output, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A config in the temp folder with a data directory of its own, merged with <paramref name="json"/>.</summary>
    private string Config(string json)
    {
        var members = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        members.TryAdd("dataDir", _dir.File("data"));
        members.TryAdd("brokers", new System.Text.Json.Nodes.JsonArray("127.0.0.1:1"));
        string path = _dir.File("node-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, members.ToJsonString());
        return path;
    }

    private static (int Code, string Output, string Errors) Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = Program.Run(args, output, errors, _ => throw new IOException("no I2C in this test"));
        return (code, output.ToString(), errors.ToString());
    }
}
