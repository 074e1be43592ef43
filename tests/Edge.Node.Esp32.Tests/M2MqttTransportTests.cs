using System;
using System.IO;
using Edge.Node.Core.Agent;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// What of the transport can run without a device: its refusals before a connection, and that a client which cannot
/// be created (here every facade member throws) is a failed connect, not an exception in the agent's loop.
/// </summary>
public sealed class M2MqttTransportTests
{
    [Fact]
    [Trait("Category", "Unit")]
    public void A_transport_that_never_connected_refuses_to_publish_or_subscribe()
    {
        M2MqttTransport mqtt = new(new InboxQueue(4));

        Assert.False(mqtt.IsConnected);
        Assert.False(mqtt.Publish("t", new byte[] { 1, 2 }, 2, true, false));
        Assert.False(mqtt.Subscribe("t/+"));
        mqtt.Disconnect();
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_client_that_cannot_be_created_is_a_failed_connect_not_an_exception()
    {
        M2MqttTransport mqtt = new(new InboxQueue(4));

        Assert.False(mqtt.Connect("broker", 1883, "esp32-01", "edge/v1/lab/node/esp32-01/state", new byte[] { (byte)'{', (byte)'}' }, 15));
        Assert.False(mqtt.IsConnected);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void The_agent_wired_as_on_the_board_backs_off_when_it_cannot_connect()
    {
        string dir = Directory.CreateTempSubdirectory("edge-esp32-").FullName;
        try
        {
            FlashConfig config = FlashConfig.Load(Path.Combine(AppContext.BaseDirectory, "Glue", "edge.json"));
            AgentSettings settings = new();
            config.Apply(settings);
            FlashSessionStore sessions = new(Path.Combine(dir, "edge.session"), 0);
            NodeAgent agent = new(settings, new M2MqttTransport(new InboxQueue(8)), new Esp32Host(), sessions, new Random(1));

            agent.Tick(1_000);
            agent.Tick(1_050);

            Assert.Equal(AgentState.Disconnected, agent.State);
            Assert.Equal(1, agent.ConnectAttempts);
            Assert.Equal(1, sessions.Load());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
