using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Edge.Gateway.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests.Mqtt;

/// <summary>
/// What a watcher (a dashboard, MQTT Explorer) receives of the nodes' messages on the embedded broker, and which way
/// it comes: straight into its session (<see cref="WatcherDelivery"/>), or through the broker's dispatch, which
/// MQTTnet reports message by message (its enqueued event).
/// </summary>
[Trait("Category", "Integration")]
public sealed class WatcherDeliveryTests
{
    private const string Telemetry = "edge/v1/lab/node/pi-01/telemetry";

    [Fact]
    public async Task A_watcher_gets_each_message_once_at_the_highest_qos_it_was_granted_without_the_brokers_dispatch()
    {
        await using Rig rig = await Rig.StartAsync();
        Watcher both = await rig.WatchAsync("both", MqttProtocolVersion.V311, ("edge/v1/lab/node/+/telemetry", MqttQualityOfServiceLevel.AtMostOnce), ("edge/v1/lab/#", MqttQualityOfServiceLevel.AtLeastOnce));
        Watcher light = await rig.WatchAsync("light", MqttProtocolVersion.V311, ("edge/v1/lab/node/pi-01/+", MqttQualityOfServiceLevel.AtMostOnce));

        await rig.PublishAsync(20);

        await both.ReceiveAsync(20);
        await light.ReceiveAsync(20);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "m" + i), both.Payloads);
        Assert.All(both.Messages, m => Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, m.QualityOfServiceLevel));
        Assert.All(light.Messages, m => Assert.Equal(MqttQualityOfServiceLevel.AtMostOnce, m.QualityOfServiceLevel));
        Assert.All(both.Messages.Concat(light.Messages), m => Assert.False(m.Retain));
        Assert.Equal(0, rig.Dispatched);
    }

    [Fact]
    public async Task An_mqtt5_watcher_is_served_by_the_brokers_dispatch_as_before()
    {
        await using Rig rig = await Rig.StartAsync();
        Watcher v5 = await rig.WatchAsync("v5", MqttProtocolVersion.V500, ("edge/v1/lab/#", MqttQualityOfServiceLevel.AtLeastOnce));

        await rig.PublishAsync(10);

        await v5.ReceiveAsync(10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "m" + i), v5.Payloads);
        Assert.Equal(10, rig.Dispatched);
    }

    [Fact]
    public async Task A_watcher_that_is_away_gets_what_it_missed_through_the_broker_when_it_returns()
    {
        await using Rig rig = await Rig.StartAsync();
        Watcher away = await rig.WatchAsync("away", MqttProtocolVersion.V311, ("edge/v1/lab/#", MqttQualityOfServiceLevel.AtLeastOnce));
        await rig.LeaveAsync("away");

        await rig.PublishAsync(5);
        await rig.ReturnAsync("away");

        await away.ReceiveAsync(5);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => "m" + i), away.Payloads);
        Assert.Equal(5, rig.Dispatched);
    }

    private sealed class Rig : IAsyncDisposable
    {
        private readonly EmbeddedBroker _broker;
        private readonly List<IMqttClient> _clients = [];
        private readonly ConcurrentDictionary<string, byte> _watcherIds = new();
        private readonly Dictionary<string, IMqttClient> _watcherClients = [];
        private int _dispatched;

        private Rig(EmbeddedBroker broker) => _broker = broker;

        /// <summary>Messages the broker's own dispatch queued for a watcher of this rig (its warm-up client's are not counted).</summary>
        public int Dispatched => Volatile.Read(ref _dispatched);

        public int Port { get; private init; }

        public static async Task<Rig> StartAsync()
        {
            int port = FreePort.Next();
            var broker = new EmbeddedBroker(IPAddress.Loopback, port);
            var rig = new Rig(broker) { Port = port };
            var intake = new EmbeddedIntake(broker, new BrokerSubscriptions("lab"), "lab", "gw", (_, _) => ValueTask.CompletedTask);
            await intake.StartAsync(CancellationToken.None);
            broker.Server.ApplicationMessageEnqueuedOrDroppedAsync += e =>
            {
                if (rig._watcherIds.ContainsKey(e.ReceiverClientId))
                {
                    Interlocked.Increment(ref rig._dispatched);
                }

                return Task.CompletedTask;
            };
            await broker.StartAsync();
            return rig;
        }

        public async Task<Watcher> WatchAsync(string id, MqttProtocolVersion version, params (string Filter, MqttQualityOfServiceLevel Qos)[] filters)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            _clients.Add(client);
            _watcherIds[id] = 0;
            var watcher = new Watcher();
            client.ApplicationMessageReceivedAsync += e =>
            {
                watcher.Messages.Enqueue(e.ApplicationMessage);
                return Task.CompletedTask;
            };
            _watcherClients[id] = client;
            await client.ConnectAsync(Options(id, version));
            foreach ((string filter, MqttQualityOfServiceLevel qos) in filters)
            {
                await client.SubscribeAsync(filter, qos);
            }

            return watcher;
        }

        /// <summary>The watcher disconnects; its session (not clean) stays, with its subscriptions.</summary>
        public Task LeaveAsync(string id) => _watcherClients[id].DisconnectAsync();

        public Task ReturnAsync(string id) => _watcherClients[id].ConnectAsync(Options(id, MqttProtocolVersion.V311));

        public async Task PublishAsync(int count)
        {
            IMqttClient node = new MqttClientFactory().CreateMqttClient();
            _clients.Add(node);
            await node.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Port).WithClientId("pi-01").WithCleanSession().Build());
            for (int i = 0; i < count; i++)
            {
                await node.PublishStringAsync(Telemetry, "m" + i, MqttQualityOfServiceLevel.AtLeastOnce);
            }
        }

        /// <summary>A session that outlives the connection, as a dashboard that wants what it missed keeps one.</summary>
        private MqttClientOptions Options(string id, MqttProtocolVersion version) => new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Port).WithClientId(id).WithProtocolVersion(version).WithCleanSession(false).WithSessionExpiryInterval(3600).Build();

        public async ValueTask DisposeAsync()
        {
            foreach (IMqttClient client in _clients)
            {
                client.Dispose();
            }

            await _broker.DisposeAsync();
        }
    }

    private sealed class Watcher
    {
        public ConcurrentQueue<MqttApplicationMessage> Messages { get; } = new();

        public IEnumerable<string> Payloads => Messages.Select(m => Encoding.UTF8.GetString(m.Payload));

        /// <summary>Waits for <paramref name="count"/> messages, then a moment more in which none may follow.</summary>
        public async Task ReceiveAsync(int count)
        {
            await Eventually.TrueAsync(() => Messages.Count >= count, () => Messages.Count + " of " + count + " received");
            await Task.Delay(200);
            Assert.Equal(count, Messages.Count);
        }
    }
}
