using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Mqtt;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Gateway.Tests.Mqtt;

/// <summary>
/// MQTTnet's subscribe copies the retained messages before it runs the subscription interceptors (the broker's ACL)
/// and registers the subscription only after them: a retained message the gateway publishes in between is neither in
/// the copy nor delivered. Here an interceptor holds one node's subscription open (as a cold start's JIT or a busy
/// machine does for a moment) while the gateway publishes, so the window is wide every time, not by luck. The
/// gateway's retained messages are kept in its RetainedIndex and given to a subscription once it is registered.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RetainedOnSubscribeTests
{
    private const string Site = "lab";
    private const string Node = "pi-01";

    [Fact]
    public async Task A_node_subscribing_while_the_gateway_turns_primary_ends_with_the_primary_state()
    {
        await using var rig = await Rig.StartAsync(hold: Topics.AllGatewayStates(Site));
        // Started: the retained state says online, not primary yet (single mode decides after start).
        await using var node = await rig.ConnectNodeAsync();

        Task subscribing = node.SubscribeAsync([Topics.NodeInbox(Site, Node), Topics.AllFlowOwners(Site), Topics.AllGatewayStates(Site)]);
        await rig.HeldAsync();
        rig.Leadership.Begin(new LeaderTerm(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await rig.Publisher.PublishAsync(Topics.GatewayState(Site, "gw"), GatewayStatePayload.Of(rig.Leadership, online: true), retain: true, CancellationToken.None);
        rig.Release();
        await subscribing;

        IReadOnlyList<(string Topic, string Payload)> received = await node.UntilProbeAsync();
        (string Topic, string Payload)[] states = [.. received.Where(m => m.Topic == Topics.GatewayState(Site, "gw"))];
        Assert.True(states.Length > 0, "no gateway state at all: " + Describe(received));
        var last = new GatewayStateMessage();
        byte[] bytes = Encoding.UTF8.GetBytes(states[^1].Payload);
        Assert.Equal(ProtocolError.None, JsonCodec.Decode(last, new JsonReader(), bytes, 0, bytes.Length));
        Assert.True(last.Online && last.Primary, "the last gateway state the node got is not primary: " + Describe(received));
        // The broker holds no older copy (online, not primary) to send after it: one state, the newest.
        Assert.True(states.Length == 1, "more than one gateway state: " + Describe(received));
    }

    [Fact]
    public async Task A_node_subscribing_to_owners_while_its_owner_is_published_gets_the_owner()
    {
        await using var rig = await Rig.StartAsync(hold: Topics.AllFlowOwners(Site));
        await using var node = await rig.ConnectNodeAsync();

        // As the node agent does: one SUBSCRIBE per filter, so the session is already a subscriber when the owners'
        // filter is held (the broker's copy of the retained messages is all that is missing).
        await node.SubscribeAsync([Topics.NodeInbox(Site, Node)]);
        Task subscribing = node.SubscribeAsync([Topics.AllFlowOwners(Site)]);
        await rig.HeldAsync();
        string owner = "{\"flow\":7,\"node\":\"" + Node + "\",\"epoch\":1,\"resumeFrom\":0,\"weight\":1,\"token\":0}";
        await rig.Publisher.PublishAsync(Topics.FlowOwner(Site, 7), Encoding.UTF8.GetBytes(owner), retain: true, CancellationToken.None);
        rig.Release();
        await subscribing;

        IReadOnlyList<(string Topic, string Payload)> received = await node.UntilProbeAsync();
        Assert.Contains((Topics.FlowOwner(Site, 7), owner), received);
    }

    [Fact]
    public async Task A_node_subscribing_after_the_owner_is_published_gets_it_once()
    {
        await using var rig = await Rig.StartAsync(hold: null);
        string owner = "{\"flow\":3,\"node\":\"" + Node + "\",\"epoch\":2,\"resumeFrom\":5,\"weight\":1,\"token\":0}";
        await rig.Publisher.PublishAsync(Topics.FlowOwner(Site, 3), Encoding.UTF8.GetBytes(owner), retain: true, CancellationToken.None);
        await using var node = await rig.ConnectNodeAsync();

        await node.SubscribeAsync([Topics.NodeInbox(Site, Node), Topics.FlowOwner(Site, 3), Topics.AllGatewayStates(Site)]);

        IReadOnlyList<(string Topic, string Payload)> received = await node.UntilProbeAsync();
        // Given once, from the gateway's index (the broker's own store does not hold it).
        Assert.Equal([(Topics.FlowOwner(Site, 3), owner)], received.Where(m => m.Topic.Contains("/flow/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_dashboard_watching_the_site_gets_every_owner_and_the_state_once()
    {
        await using var rig = await Rig.StartAsync(hold: null);
        foreach (int flow in new[] { 1, 2 })
        {
            await rig.Publisher.PublishAsync(Topics.FlowOwner(Site, flow), Encoding.UTF8.GetBytes("{\"flow\":" + flow + ",\"node\":\"a\",\"epoch\":1}"), retain: true, CancellationToken.None);
        }

        await rig.Publisher.PublishAsync(Topics.Node(Site, "a", Topics.Config), Encoding.UTF8.GetBytes("{\"heartbeatMs\":500}"), retain: true, CancellationToken.None);
        await using var dashboard = await rig.ConnectNodeAsync();

        await dashboard.SubscribeAsync([Topics.Root + "/" + Site + "/#"]);

        IReadOnlyList<(string Topic, string Payload)> received = await dashboard.UntilProbeAsync();
        Assert.Equal(
            [Topics.FlowOwner(Site, 1), Topics.FlowOwner(Site, 2), Topics.GatewayState(Site, "gw"), Topics.Node(Site, "a", Topics.Config)],
            received.Select(m => m.Topic).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_index_keeps_the_newest_retained_message_of_each_topic_and_nothing_sent_unretained()
    {
        await using var rig = await Rig.StartAsync(hold: null);
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            await rig.Publisher.PublishAsync(Topics.FlowOwner(Site, 7), Encoding.UTF8.GetBytes("{\"flow\":7,\"node\":\"a\",\"epoch\":" + epoch + "}"), retain: true, CancellationToken.None);
        }

        await rig.Publisher.PublishAsync(Topics.FlowOwner(Site, 8), Encoding.UTF8.GetBytes("{\"flow\":8,\"node\":\"b\",\"epoch\":4}"), retain: true, CancellationToken.None);
        await rig.Publisher.PublishAsync(Topics.Node(Site, Node, Topics.Config), Encoding.UTF8.GetBytes("{\"heartbeatMs\":500}"), retain: true, CancellationToken.None);
        await rig.Publisher.PublishAsync(Topics.Rollup(Site, "10s", -1), Encoding.UTF8.GetBytes("{\"count\":1}"), retain: true, CancellationToken.None);
        await rig.Publisher.PublishAsync(Topics.Node(Site, Node, Topics.Command), Encoding.UTF8.GetBytes("{\"cmd\":\"rebirth\"}"), retain: false, CancellationToken.None);

        // Flows 7 and 8, the config, the rollup and the state the publisher announced at start: one per topic, not
        // per message, and nothing of it in MQTTnet's own store (which every SUBSCRIBE would copy and scan).
        Assert.Equal(5, rig.Retained.Count);
        Assert.Empty(await rig.Broker.Server.GetRetainedMessagesAsync());
    }

    private static string Describe(IEnumerable<(string Topic, string Payload)> messages) =>
        string.Join(" | ", messages.Select(m => m.Topic + " " + m.Payload));

    /// <summary>The embedded broker and the gateway's publisher, with an interceptor that holds one filter's subscription.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly EmbeddedBroker _broker;
        private readonly int _port;

        private Rig(EmbeddedBroker broker, int port, EmbeddedPublisher publisher, Leadership leadership)
        {
            _broker = broker;
            _port = port;
            Publisher = publisher;
            Leadership = leadership;
        }

        public EmbeddedPublisher Publisher { get; }

        public EmbeddedBroker Broker => _broker;

        public RetainedIndex Retained => _broker.Retained;

        public Leadership Leadership { get; }

        public static async Task<Rig> StartAsync(string? hold)
        {
            int port = FreePort.Next();
            var broker = new EmbeddedBroker(IPAddress.Loopback, port);
            var options = new GatewayOptions { Site = Site, GatewayId = "gw" };
            var leadership = new Leadership("gw", TimeProvider.System);
            var rig = new Rig(broker, port, new EmbeddedPublisher(broker, new BrokerSubscriptions(Site), options, leadership), leadership);
            broker.Server.InterceptingSubscriptionAsync += rig.HoldingAsync(hold);
            await broker.StartAsync();
            await rig.Publisher.StartAsync(CancellationToken.None);
            return rig;
        }

        public Task HeldAsync() => _entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public void Release() => _released.TrySetResult();

        public async Task<TestNode> ConnectNodeAsync()
        {
            var node = new TestNode(new MqttClientFactory().CreateMqttClient());
            await node.Client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithClientId(Node).WithCleanSession().Build());
            return node;
        }

        public async ValueTask DisposeAsync()
        {
            Release();
            await _broker.DisposeAsync();
        }

        private Func<InterceptingSubscriptionEventArgs, Task> HoldingAsync(string? filter) => async e =>
        {
            if (e.ClientId == Node && e.TopicFilter.Topic == filter)
            {
                _entered.TrySetResult();
                await _released.Task.ConfigureAwait(false);
            }
        };
    }

    /// <summary>A node's connection that records what it receives, in order.</summary>
    private sealed class TestNode : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Topic, string Payload)> _received = new();

        public TestNode(IMqttClient client)
        {
            Client = client;
            Client.ApplicationMessageReceivedAsync += OnReceived;
        }

        public IMqttClient Client { get; }

        public Task SubscribeAsync(string[] filters)
        {
            MqttClientSubscribeOptionsBuilder builder = new MqttClientFactory().CreateSubscribeOptionsBuilder();
            foreach (string filter in filters)
            {
                builder = builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            return Client.SubscribeAsync(builder.Build());
        }

        /// <summary>
        /// Publishes a probe to its own inbox and waits for it: the broker handles a client's packets in order, so
        /// whatever it sends for the subscriptions before (its copies of retained messages included) is queued first.
        /// </summary>
        public async Task<IReadOnlyList<(string Topic, string Payload)>> UntilProbeAsync()
        {
            string probe = Topics.Node(Site, Node, "probe");
            await Client.PublishStringAsync(probe, "probe", MqttQualityOfServiceLevel.AtLeastOnce);
            await Eventually.TrueAsync(() => _received.Any(m => m.Topic == probe), () => "the probe came back; got " + Describe(_received));
            return [.. _received.TakeWhile(m => m.Topic != probe)];
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisconnectAsync();
            Client.Dispose();
        }

        private Task OnReceived(MqttApplicationMessageReceivedEventArgs e)
        {
            _received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        }
    }
}
