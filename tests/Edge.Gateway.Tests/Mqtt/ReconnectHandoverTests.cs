using System.Collections.Concurrent;
using Edge.Gateway.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Gateway.Tests.Mqtt;

/// <summary>
/// The handover's contract on a real MQTTnet server, with the one moment a loaded machine stretches held open on
/// purpose: the gap between a connection's CONNACK and its ClientConnected event. A client that left in that gap
/// and came straight back must still wait for the connection it left to end (the end the conformance test in
/// Conformance/ReconnectTests.cs reaches by chance once in many thousand rounds).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReconnectHandoverTests
{
    [Fact]
    public async Task A_client_back_before_its_last_connection_was_announced_waits_for_that_connection_to_end()
    {
        int port = FreePort.Next();
        MqttServer server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        var announce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondKnocks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int connects = 0;
        int validations = 0;
        // Attached before the handover: MQTTnet runs a hook's handlers in order.
        server.ClientConnectedAsync += e => Interlocked.Increment(ref connects) == 1 ? announce.Task : Task.CompletedTask;
        server.ValidatingConnectionAsync += e =>
        {
            if (Interlocked.Increment(ref validations) == 2)
            {
                secondKnocks.TrySetResult();
            }

            return Task.CompletedTask;
        };
        var handover = new ReconnectHandover(TimeSpan.FromSeconds(30));
        handover.AttachAdmission(server);
        var endings = new ConcurrentQueue<MqttClientDisconnectType>();
        server.ClientDisconnectedAsync += e =>
        {
            endings.Enqueue(e.DisconnectType);
            return Task.CompletedTask;
        };
        // Last, as the broker attaches it: once it has run, the waiting connection may be in before anything after it.
        handover.AttachEndings(server);
        await server.StartAsync();
        try
        {
            using IMqttClient previous = new MqttClientFactory().CreateMqttClient();
            await previous.ConnectAsync(Options(port));
            await previous.DisconnectAsync();

            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            Task connecting = client.ConnectAsync(Options(port));
            await secondKnocks.Task.WaitAsync(TimeSpan.FromSeconds(20));
            announce.TrySetResult();
            await connecting.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal([MqttClientDisconnectType.Clean], endings.ToArray());
            await client.SubscribeAsync("handover/t", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.True(client.IsConnected);
        }
        finally
        {
            await server.StopAsync();
            server.Dispose();
        }
    }

    [Fact]
    public async Task A_client_back_at_once_is_let_in_only_after_every_handler_of_its_last_connections_end_ran()
    {
        int port = FreePort.Next();
        await using var broker = new EmbeddedBroker(System.Net.IPAddress.Loopback, port);
        var secondConnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new ConcurrentQueue<string>();
        int ends = 0;
        int connects = 0;
        // Attached before the start, as the gateway's intake attaches its own: it forgets the connection's
        // subscriptions there. It holds the first end until the second connection is in, or 300 ms at most.
        broker.Server.ClientDisconnectedAsync += async e =>
        {
            if (e.ClientId == "again" && Interlocked.Increment(ref ends) == 1)
            {
                await Task.WhenAny(secondConnected.Task, Task.Delay(300));
                order.Enqueue("first connection's end handled");
            }
        };
        broker.Server.ClientConnectedAsync += e =>
        {
            if (e.ClientId == "again" && Interlocked.Increment(ref connects) == 2)
            {
                order.Enqueue("second connection in");
                secondConnected.TrySetResult();
            }

            return Task.CompletedTask;
        };
        await broker.StartAsync();

        using IMqttClient previous = new MqttClientFactory().CreateMqttClient();
        await previous.ConnectAsync(Options(port));
        await previous.DisconnectAsync();
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(port));
        await secondConnected.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["first connection's end handled", "second connection in"], order.ToArray());
    }

    [Fact]
    public async Task A_client_back_at_once_with_a_lasting_session_is_still_known_to_keep_it_after_its_last_connection_ended()
    {
        int port = FreePort.Next();
        await using var broker = new EmbeddedBroker(System.Net.IPAddress.Loopback, port);
        int connects = 0;
        // Holds the first connection before it reads its DISCONNECT, so that it ends (and its clean session is
        // deleted) while the second, which asks for a lasting session, is already knocking.
        broker.Server.ClientConnectedAsync += e => e.ClientId == "again" && Interlocked.Increment(ref connects) == 1 ? Task.Delay(300) : Task.CompletedTask;
        await broker.StartAsync();

        using IMqttClient previous = new MqttClientFactory().CreateMqttClient();
        await previous.ConnectAsync(Options(port));
        await previous.DisconnectAsync();
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("again").WithCleanSession(false).WithSessionExpiryInterval(3600).Build());

        Assert.True(broker.KeepsSession("again"));
    }

    private static MqttClientOptions Options(int port) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port).WithClientId("again").WithCleanSession(true).Build();
}
