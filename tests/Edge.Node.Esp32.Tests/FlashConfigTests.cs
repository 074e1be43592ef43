using System;
using System.IO;
using System.Text;
using Edge.Node.Core.Agent;
using Edge.Protocol;

namespace Edge.Node.Esp32.Tests;

/// <summary>FlashConfig touches no nanoFramework-only API (its file access is System.IO), so it runs here for real.</summary>
public sealed class FlashConfigTests
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "Glue", "edge.json");

    [Fact]
    [Trait("Category", "Unit")]
    public void The_checked_in_sample_config_sets_every_member_the_board_uses()
    {
        FlashConfig config = FlashConfig.Load(SamplePath);

        Assert.True(config.FromFile);
        Assert.Equal(0, config.Errors);
        Assert.Equal("esp32-01", config.Node);
        Assert.Equal("lab", config.Site);
        Assert.Equal(new[] { "192.168.1.10:1883", "192.168.1.11:1883" }, config.BrokerList());
        Assert.Equal(FlashConfig.SourcePulse, config.Source);
        Assert.Equal(7, config.Flow);
        Assert.Equal(27, config.PulsePin);
        Assert.Equal(10, config.DebounceMs);
        Assert.Equal(6, config.AdcChannel);
        Assert.Equal(25, config.LedPin);
        Assert.Equal(32, config.BufferCeilingBlocks);
        Assert.False(config.Tls);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Tls_turns_on_from_the_file_and_the_ca_is_read_next_to_it_but_never_a_huge_or_missing_one()
    {
        FlashConfig config = new();
        byte[] json = Encoding.UTF8.GetBytes("{\"brokers\":\"gw.lab:8883\",\"tls\":true}");
        Assert.Equal(ProtocolError.None, config.Parse(json, json.Length));
        Assert.True(config.Tls);
        Assert.Equal(0, config.Errors);

        FlashConfig wrongType = new();
        byte[] text = Encoding.UTF8.GetBytes("{\"tls\":\"yes\"}");
        wrongType.Parse(text, text.Length);
        Assert.False(wrongType.Tls);
        Assert.Equal(1, wrongType.Errors);

        string dir = Directory.CreateTempSubdirectory("edge-esp32-ca-").FullName;
        try
        {
            string pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
            File.WriteAllText(Path.Combine(dir, "ca.crt"), pem);
            File.WriteAllText(Path.Combine(dir, "huge.crt"), new string('A', FlashConfig.MaxCaBytes + 1));
            Assert.Equal(pem, FlashConfig.ReadCa(Path.Combine(dir, "ca.crt")));
            Assert.Null(FlashConfig.ReadCa(Path.Combine(dir, "huge.crt")));
            Assert.Null(FlashConfig.ReadCa(Path.Combine(dir, "missing.crt")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_missing_config_file_leaves_every_default_in_place()
    {
        FlashConfig config = FlashConfig.Load(Path.Combine(Path.GetTempPath(), "edge-missing-" + Guid.NewGuid().ToString("N") + ".json"));

        Assert.False(config.FromFile);
        Assert.Equal(0, config.Errors);
        Assert.Equal(new FlashConfig().Node, config.Node);
        Assert.Equal(FlashConfig.SourcePulse, config.Source);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_member_of_the_wrong_type_or_out_of_range_keeps_its_default_and_is_counted()
    {
        FlashConfig config = new();
        byte[] json = Encoding.UTF8.GetBytes("{\"node\":\"bad id/1\",\"flow\":70000,\"pulsePin\":\"27\",\"source\":\"radio\",\"site\":\"north\",\"unknown\":1}");

        ProtocolError error = config.Parse(json, json.Length);

        Assert.Equal(ProtocolError.None, error);
        Assert.Equal(4, config.Errors);
        Assert.Equal("north", config.Site);
        Assert.Equal(new FlashConfig().Node, config.Node);
        Assert.Equal(0, config.Flow);
        Assert.Equal(27, config.PulsePin);
        Assert.Equal(FlashConfig.SourcePulse, config.Source);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void The_credential_line_printed_by_nodes_add_is_read()
    {
        FlashConfig config = new();
        // The shape `edge-gateway nodes add esp32-07` prints (its passwords are URL-safe base64).
        byte[] json = Encoding.UTF8.GetBytes("{\"node\":\"esp32-07\",\"site\":\"lab\",\"brokers\":\"10.0.0.5:1883\",\"username\":\"esp32-07\",\"password\":\"hAvCurRD5NsHnb-OhVem7p01Ika0qXRc\"}");

        Assert.Equal(ProtocolError.None, config.Parse(json, json.Length));
        Assert.Equal(0, config.Errors);
        Assert.Equal("esp32-07", config.Username);
        Assert.Equal("hAvCurRD5NsHnb-OhVem7p01Ika0qXRc", config.Password);
        Assert.Null(new FlashConfig().Password);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_file_that_is_not_one_flat_json_object_is_refused_whole()
    {
        FlashConfig config = new();
        byte[] json = Encoding.UTF8.GetBytes("{\"site\":\"north\",\"nested\":{\"a\":1}}");

        Assert.NotEqual(ProtocolError.None, config.Parse(json, json.Length));
        Assert.Equal("lab", config.Site);
        Assert.Equal(1, config.Errors);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Blank_entries_in_the_broker_list_are_dropped()
    {
        FlashConfig config = new() { Brokers = " a:1883, ,b:1884,," };

        Assert.Equal(new[] { "a:1883", "b:1884" }, config.BrokerList());
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Applying_the_config_sets_identity_brokers_capabilities_and_a_valid_buffer()
    {
        FlashConfig config = FlashConfig.Load(SamplePath);
        config.Source = FlashConfig.SourceAdc;
        AgentSettings settings = new();

        config.Apply(settings);

        Assert.Equal("esp32-01", settings.Node);
        Assert.Equal("lab", settings.Site);
        Assert.Equal("esp32-devkitc", settings.Board);
        Assert.Equal(new[] { "192.168.1.10:1883", "192.168.1.11:1883" }, settings.Brokers);
        Assert.Contains("adc", settings.Capabilities, StringComparison.Ordinal);
        Assert.Equal(32, settings.Buffer.CeilingBlocks);
        settings.Buffer.Validate();
    }
}
