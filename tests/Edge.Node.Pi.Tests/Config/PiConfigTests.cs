using Edge.Node.Pi.Config;
using Edge.Node.Pi.Sources;
using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Config;

[Trait("Category", "Unit")]
public sealed class PiConfigTests
{
    [Fact]
    public void The_shipped_example_config_loads_with_its_counter_and_pulse_sources_and_LED()
    {
        PiConfig config = PiConfig.Load(RepoPaths.Repo(Path.Combine("hardware", "raspberry-pi", "node.example.json")));

        Assert.Equal(("lab", "pi-01", "/var/lib/edge", 27), (config.Site, config.Node, config.DataDir, config.LedPin));
        Assert.Equal(["netcounter", "netcounter", "gpio-pulse"], config.Sources.Select(s => s.Kind));
        Assert.Equal((17, "down", 10), (config.Sources[2].Pin!.Value, config.Sources[2].Pull, config.Sources[2].DebounceMs));
        Assert.Equal("tx_bytes", config.Sources[1].Counter);
    }

    [Fact]
    public void A_replay_file_is_found_next_to_the_config_and_a_wrong_source_is_refused_with_its_flow()
    {
        using var dir = new TempDirectory();
        string good = dir.File("good.json");
        File.WriteAllText(good, """{ "sources": [ { "flow": 4, "kind": "replay", "file": "t.csv" } ] }""");
        Assert.Equal(dir.File("t.csv"), PiConfig.Load(good).Sources[0].File);

        string bad = dir.File("bad.json");
        File.WriteAllText(bad, """{ "sources": [ { "flow": 6, "kind": "gpio-pulse" } ] }""");
        var error = Assert.Throws<InvalidDataException>(() => PiConfig.Load(bad));
        Assert.Contains("flow 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_file_is_found_next_to_the_config_and_a_missing_one_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("ca.crt"), "not read until the node connects");
        string good = dir.File("good.json");
        File.WriteAllText(good, """{ "brokers": ["gw.lab:8883"], "caFile": "ca.crt" }""");
        Assert.Equal(dir.File("ca.crt"), PiConfig.Load(good).CaFile);

        string bad = dir.File("bad.json");
        File.WriteAllText(bad, """{ "brokers": ["gw.lab:8883"], "caFile": "lab-ca.pem" }""");
        var error = Assert.Throws<InvalidDataException>(() => PiConfig.Load(bad));
        Assert.Contains("caFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("lab-ca.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sensor_sources_of_the_hardware_readme_load_with_their_periods_addresses_and_scaling()
    {
        string readme = File.ReadAllText(RepoPaths.Repo(Path.Combine("hardware", "raspberry-pi", "README.md")));
        int section = readme.IndexOf("## I2C sensors", StringComparison.Ordinal);
        int start = readme.IndexOf("```json", section, StringComparison.Ordinal) + "```json".Length;
        string snippet = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        using var dir = new TempDirectory();
        string path = dir.File("sensors.json");
        File.WriteAllText(path, "{" + snippet + "}");

        PiConfig config = PiConfig.Load(path);

        Assert.Equal(["bme280", "bme280", "ads1115"], config.Sources.Select(s => s.Kind));
        Assert.Equal([0.2, 1.0 / 60, 1.0], config.Sources.Select(s => s.SamplesPerSecond));
        Assert.Equal([0x76, 0x76, 0x48], config.Sources.Select(s => s.I2cAddress));
        SourceConfig adc = config.Sources[2];
        Assert.Equal(10.0, (4.5 * 2 / 3 * adc.Scale) + adc.Offset, 9);
        Assert.Equal(0.0, (0.5 * 2 / 3 * adc.Scale) + adc.Offset, 9);
    }

    [Fact]
    public void An_unknown_member_is_an_error_rather_than_a_silently_ignored_typo()
    {
        using var dir = new TempDirectory();
        string path = dir.File("typo.json");
        File.WriteAllText(path, """{ "brokerz": ["10.0.0.1:1883"] }""");

        Assert.Throws<System.Text.Json.JsonException>(() => PiConfig.Load(path));
    }

    [Fact]
    public void Edges_within_the_debounce_time_count_once_and_taking_the_count_resets_it()
    {
        var counter = new PulseCounter(debounceTicks: 10);
        counter.Edge(100);
        counter.Edge(105);
        counter.Edge(110);
        counter.Edge(200);

        Assert.Equal(3, counter.Take());
        Assert.Equal(0, counter.Take());
    }

    [Fact]
    public void The_LED_is_steady_when_running_and_blinks_faster_the_further_the_node_is_from_running()
    {
        Assert.True(StatusLed.IsLit(Core.Agent.AgentState.Running, 250));
        Assert.NotEqual(StatusLed.IsLit(Core.Agent.AgentState.WaitingForGateway, 0), StatusLed.IsLit(Core.Agent.AgentState.WaitingForGateway, 500));
        Assert.NotEqual(StatusLed.IsLit(Core.Agent.AgentState.Disconnected, 0), StatusLed.IsLit(Core.Agent.AgentState.Disconnected, 100));
        Assert.Equal(StatusLed.IsLit(Core.Agent.AgentState.WaitingForGateway, 0), StatusLed.IsLit(Core.Agent.AgentState.WaitingForGateway, 100));
    }
}
