using System.Text;
using Edge.Node.Mqtt;
using Edge.Protocol;
using Edge.Security.Tests.Fixtures;
using MQTTnet;

namespace Edge.Security.Tests.Node;

/// <summary>A command planted as a retained message would replay at every connect: a reboot loop. Nodes drop it.</summary>
public sealed class RetainedCommandTests
{
    [Fact]
    public async Task A_node_ignores_a_command_planted_as_retained()
    {
        // A loopback-only gateway lets a local anonymous tool publish anything, retained commands included.
        await using SecuredGateway gateway = await SecuredGateway.StartAsync(["pi-01"], anonymous: "auto");
        using IMqttClient tool = await Clients.ConnectAsync(gateway.MqttPort, "local-tool", null, null);
        string command = Topics.Node(SecuredGateway.Site, "pi-01", Topics.Command);
        await Clients.PublishAsync(tool, command, "{\"cmd\":\"reboot\",\"planted\":true}", retain: true);

        // The node's own transport (what the Pi and the simulator use), logged in with its credential.
        using var transport = new MqttNetTransport("pi-01", gateway.Passwords["pi-01"]);
        Assert.True(transport.Connect("127.0.0.1", gateway.MqttPort, "pi-01", Topics.Node(SecuredGateway.Site, "pi-01", Topics.State), "{}"u8.ToArray(), 15));
        Assert.True(transport.Subscribe(Topics.NodeInbox(SecuredGateway.Site, "pi-01")));
        await Clients.PublishAsync(tool, command, "{\"cmd\":\"status\"}");

        var received = new List<string>();
        await Eventually.TrueAsync(() =>
        {
            while (transport.TryReceive(out string topic, out byte[] payload))
            {
                received.Add(topic + " " + Encoding.UTF8.GetString(payload));
            }

            return received.Any(r => r.Contains("status", StringComparison.Ordinal));
        }, "the live command");
        Assert.DoesNotContain(received, r => r.Contains("planted", StringComparison.Ordinal));
        transport.Disconnect();
    }
}
