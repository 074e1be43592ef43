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
        new ReconnectHandover(TimeSpan.FromSeconds(30)).Attach(server);
        var endings = new ConcurrentQueue<MqttClientDisconnectType>();
        server.ClientDisconnectedAsync += e =>
        {
            endings.Enqueue(e.DisconnectType);
            return Task.CompletedTask;
        };
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

    private static MqttClientOptions Options(int port) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port).WithClientId("again").WithCleanSession(true).Build();
}
