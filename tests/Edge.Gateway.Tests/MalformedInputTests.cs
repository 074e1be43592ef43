using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Mqtt.Security;
using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Edge.Gateway.Tests.Fixtures;
using Edge.Protocol;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests;

/// <summary>
/// Every malformed golden vector meant for the gateway (tests/vectors/malformed, receiver "gateway") goes through
/// a real broker; each is rejected with its documented reason, none is acked, and the gateway keeps serving.
/// Vectors on topics outside the gateway's subscriptions cannot arrive through the broker, so those are handed
/// to the runtime's inbound queue, which is where the transport would put them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MalformedInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Every_malformed_vector_is_rejected_with_its_reason_and_the_gateway_keeps_serving()
    {
        List<Vector> vectors = Vectors().ToList();
        Assert.True(vectors.Count >= 20, "the malformed vectors are there");
        await using InProcessGateway gateway = await InProcessGateway.StartAsync(_dir.File("gw.db"), "lab", "7");
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", gateway.MqttPort).WithClientId("vectors").Build());
        var runtime = gateway.Services.GetRequiredService<GatewayRuntime>();

        foreach (Vector v in vectors)
        {
            // A vector larger than a whole MQTT packet may be is cut off by the broker's packet limit before anything
            // reads it (tests/Edge.Security.Tests); what the decoder does with it is tested by handing it over directly.
            if (Subscribed(v.Topic) && v.Payload.Length + v.Topic.Length + 4 <= PacketLimit.MaxRemainingLength)
            {
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(v.Topic).WithPayload(v.Payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }
            else
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, v.Payload.Length));
                v.Payload.CopyTo(buffer, 0);
                await runtime.EnqueueAsync(new InboundMessage(v.Topic, buffer, v.Payload.Length, Stopwatch.GetTimestamp()), CancellationToken.None);
            }
        }

        foreach (IGrouping<string, Vector> reason in vectors.GroupBy(v => v.Reason))
        {
            await Eventually.TrueAsync(async () => await gateway.Client.RejectedAsync(reason.Key) == reason.Count(),
                () => $"{reason.Count()} rejections as {reason.Key} ({string.Join(", ", reason.Select(v => v.Name))})");
            Assert.Equal(reason.Count(), await gateway.Client.MetricAsync($"edge_gateway_rejected_total{{reason=\"{reason.Key}\"}}"));
        }

        Assert.Equal(0, await gateway.Client.MetricAsync("edge_gateway_acks_total"));
        Assert.True(await gateway.Client.IsReadyAsync());
        await using var node = new TestNode("lab", "pi-02", gateway.MqttPort);
        await node.ConnectAsync(session: 1);
        await Eventually.TrueAsync(async () => (await gateway.Client.GetAsync("/api/nodes")).Contains("pi-02", StringComparison.Ordinal), () => "node seen");
        await node.SendBatchAsync(7, 0, [1, 2, 3]);
        await Eventually.TrueAsync(() => node.AckedUpTo(7) == 3, "a good batch after all the bad ones is acknowledged");
    }

    public void Dispose() => _dir.Dispose();

    private static bool Subscribed(string topic) =>
        topic.StartsWith("edge/v1/lab/node/", StringComparison.Ordinal) && !topic.Contains('+', StringComparison.Ordinal)
        && topic.Split('/').Length == 6;

    private static IEnumerable<Vector> Vectors()
    {
        foreach (string file in Directory.GetFiles(Paths.Vector("malformed"), "*.json").Order(StringComparer.Ordinal))
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
            JsonElement v = doc.RootElement;
            if (v.TryGetProperty("receiver", out JsonElement receiver) && receiver.GetString() != "gateway")
            {
                continue;
            }

            byte[] payload = v.TryGetProperty("payloadHex", out JsonElement hex)
                ? Convert.FromHexString(hex.GetString()!)
                : Encoding.UTF8.GetBytes(v.GetProperty("payloadText").GetString()!);
            ProtocolError error = Enum.Parse<ProtocolError>(v.GetProperty("expectError").GetString()!);
            yield return new Vector(v.GetProperty("name").GetString()!, v.GetProperty("topic").GetString()!, payload, ProtocolErrors.Name(error));
        }
    }

    private sealed record Vector(string Name, string Topic, byte[] Payload, string Reason);
}
