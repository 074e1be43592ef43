using System.Globalization;
using Edge.Gateway.Hosting;
using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests.Hosting;

/// <summary>The gateway's command line: every mistake is one line naming the option, never a stack trace.</summary>
[Trait("Category", "Unit")]
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--http-port abc", "--http-port")]
    [InlineData("--mqtt-port 70000", "--mqtt-port")]
    [InlineData("--flows 1-8x", "--flows")]
    [InlineData("--flows 8-1", "runs backwards")]
    [InlineData("--flows 70000", "outside 0..65535")]
    [InlineData("--flows 1,1", "listed twice")]
    [InlineData("--flows 3:-2", "weight")]
    [InlineData("--site a/b", "--site")]
    [InlineData("--gateway-id gw#1", "--gateway-id")]
    [InlineData("--broker http://host", "--broker")]
    [InlineData("--mqtt-bind localhost", "--mqtt-bind")]
    [InlineData("--webhook ftp://x", "--webhook")]
    [InlineData("--republish a/#", "--republish")]
    [InlineData("--retention 0", "--retention")]
    [InlineData("--node-capacity -5", "--node-capacity")]
    [InlineData("--balancer fastest", "--balancer")]
    [InlineData("--demo --broker mqtt://127.0.0.1:1883", "--demo")]
    [InlineData("--store mysql://edge@db:3306/edge", "--store")]
    [InlineData("--store not-a-uri", "--store")]
    [InlineData("--election http://127.0.0.1:2379 --store postgres://edge@db:5432/edge --broker mqtt://127.0.0.1:1883", "--election")]
    [InlineData("--election etcd://127.0.0.1:2379 --broker mqtt://127.0.0.1:1883", "add --store")]
    [InlineData("--election etcd://127.0.0.1:2379 --store postgres://edge@db:5432/edge", "add --broker")]
    [InlineData("--demo --store postgres://edge@db:5432/edge", "--demo runs one gateway")]
    public void A_bad_value_is_refused_naming_the_option(string commandLine, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => GatewayCommandLine.Parse(commandLine.Split(' ')));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--flow 3", "--flow")]
    [InlineData("--sitee lab", "--sitee")]
    public void A_misspelled_option_is_refused_instead_of_ignored(string commandLine, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => GatewayCommandLine.Parse(commandLine.Split(' ')));

        Assert.Contains("'" + named + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_store_is_not_echoed_with_its_password()
    {
        var error = Assert.Throws<ArgumentException>(() => GatewayCommandLine.Parse(["--store", "mysql://edge:s3cret@db:3306/edge"]));

        Assert.Contains("--store", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ha_mode_is_the_store_the_election_and_the_shared_broker()
    {
        GatewayHostOptions single = GatewayCommandLine.Parse([]);
        GatewayHostOptions ha = GatewayCommandLine.Parse([
            "--broker", "mqtt://127.0.0.1:1883", "--store", "postgres://edge@db:5432/edge", "--election", "etcd://10.0.0.7:2379,10.0.0.8", "--gateway-id", "gw-a"]);

        Assert.Null(single.HighAvailability.Store);
        Assert.Null(single.HighAvailability.Election);
        Assert.Equal("postgres://edge@db:5432/edge", ha.HighAvailability.Store);
        Assert.Equal("etcd://10.0.0.7:2379,10.0.0.8", ha.HighAvailability.Election);
        Assert.False(ha.Broker.Embedded);
    }

    [Fact]
    public void Without_options_the_gateway_uses_the_defaults_the_simulator_and_boards_use()
    {
        GatewayHostOptions options = GatewayCommandLine.Parse([]);

        Assert.Equal(Edge.Protocol.Topics.DefaultSite, options.Gateway.Site);
        Assert.Equal(new Edge.Node.Core.Agent.AgentSettings().Site, options.Gateway.Site);
        Assert.Equal(Enumerable.Range(0, 8), options.Gateway.Flows.All.Select(f => f.Id).Order());
        Assert.True(options.Broker.Embedded);
        Assert.Equal("127.0.0.1", options.MqttBind);
    }

    [Fact]
    public void The_demo_fills_in_only_what_the_user_did_not_set()
    {
        GatewayHostOptions plain = GatewayCommandLine.Parse(["--demo"]);
        GatewayHostOptions mine = GatewayCommandLine.Parse(["--demo", "--site", "bench", "--flows", "0-2", "--node-capacity", "500"]);

        Assert.True(plain.Demo);
        Assert.Contains("edge-demo-", plain.Gateway.Store.DatabasePath, StringComparison.Ordinal);
        Assert.Equal(80, plain.Gateway.Supervisor.NodeCapacity);
        Assert.Equal("bench", mine.Gateway.Site);
        Assert.Equal(3, mine.Gateway.Flows.All.Count);
        Assert.Equal(500, mine.Gateway.Supervisor.NodeCapacity);
    }

    [Fact]
    public void A_broker_bound_to_every_address_is_reached_by_the_gateway_on_loopback()
    {
        GatewayHostOptions options = GatewayCommandLine.Parse(["--mqtt-bind", "0.0.0.0", "--mqtt-port", "18830"]);

        Assert.Equal("0.0.0.0", options.MqttBind);
        Assert.Equal("127.0.0.1", options.Broker.Host);
        Assert.Equal(18830, options.Broker.Port);
    }
}

/// <summary>The real gateway process, as a user starts it.</summary>
[Trait("Category", "Integration")]
public sealed class CommandLineProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_typo_ends_in_one_line_on_stderr_and_exit_code_1_not_a_stack_trace()
    {
        (int exit, string output, string error) = await Tools.RunAsync("dotnet", [Paths.GatewayDll(), "--http-port", "abc"]);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("edge-gateway: --http-port \"abc\"", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_shows_the_options_and_examples_and_starts_nothing()
    {
        (int exit, string output, _) = await Tools.RunAsync("dotnet", [Paths.GatewayDll(), "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("--flows <spec>", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Gateway up", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_cannot_be_written_is_one_line_and_exit_code_1()
    {
        string blocked = _dir.File("not-a-folder");
        await File.WriteAllTextAsync(blocked, "a file where the database folder should be");

        (int exit, _, string error) = await Tools.RunAsync("dotnet",
            [Paths.GatewayDll(), "--db", Path.Combine(blocked, "gw.db"), "--mqtt-port", Port(), "--http-port", Port()]);

        Assert.Equal(1, exit);
        Assert.StartsWith("edge-gateway: --db ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_unreachable_shared_store_is_one_line_without_its_password_and_exit_code_1()
    {
        string nobody = "postgres://edge:s3cret@127.0.0.1:" + Port() + "/edge";

        (int exit, _, string error) = await Tools.RunAsync("dotnet",
            [Paths.GatewayDll(), "--store", nobody, "--db", _dir.File("unused.db"), "--mqtt-port", Port(), "--http-port", Port()]);

        Assert.Equal(1, exit);
        Assert.StartsWith("edge-gateway: --store postgres://127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("unused.db")));
    }

    [Fact]
    public async Task A_second_gateway_on_a_taken_mqtt_port_refuses_to_start_instead_of_sharing_it()
    {
        await using InProcessGateway first = await InProcessGateway.StartAsync(_dir.File("a.db"), "lab", "0-1");

        (int exit, _, string error) = await Tools.RunAsync("dotnet",
            [Paths.GatewayDll(), "--db", _dir.File("b.db"), "--mqtt-port", first.MqttPort.ToString(CultureInfo.InvariantCulture), "--http-port", Port()], 60_000);

        Assert.Equal(1, exit);
        Assert.Contains("is already in use", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_broker_listens_only_on_the_address_it_was_given()
    {
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "lab", "0-1");
        using var v6 = new System.Net.Sockets.TcpClient(System.Net.Sockets.AddressFamily.InterNetworkV6);

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => v6.ConnectAsync(System.Net.IPAddress.IPv6Loopback, gateway.MqttPort));
    }

    [Fact]
    public async Task A_gateway_that_cannot_reach_its_broker_says_so_and_stays_not_ready()
    {
        int closed = FreePort.Next();
        await using InProcessGateway gateway = await InProcessGateway.LaunchAsync(_dir.File("gw.db"), "lab", "0-1", externalBrokerPort: closed);

        (int status, string health) = await gateway.Client.HealthAsync();

        Assert.Equal(503, status);
        Assert.Contains("\"status\":\"not_ready\"", health, StringComparison.Ordinal);
        Assert.Contains("\"broker\":false", health, StringComparison.Ordinal);
        Assert.Contains("\"brokerError\":\"", health, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
