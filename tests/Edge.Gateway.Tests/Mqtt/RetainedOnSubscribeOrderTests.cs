using Edge.Gateway.Core.Ports;
using Edge.Gateway.Mqtt;
using Edge.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests.Mqtt;

/// <summary>
/// The order a new subscription gets retained messages in, when the gateway stores a newer one while the older is
/// being given: the broker's live delivery of the newer one can land in the session first, so the newest has to be
/// given again after the older. The session double makes that interleaving happen on its first enqueue, every time.
/// </summary>
public sealed class RetainedOnSubscribeOrderTests
{
    private const string Site = "lab";

    [Fact]
    public void A_state_stored_while_the_older_one_is_given_still_arrives_last()
    {
        var index = new RetainedIndex();
        index.Store(State(primary: false));
        var session = new SessionRacedByAPublish(index, State(primary: true));

        RetainedOnSubscribe.Deliver(index, Topics.AllGatewayStates(Site), MqttQualityOfServiceLevel.AtLeastOnce,
            index.Matching(Topics.AllGatewayStates(Site)), session.Enqueue);

        Assert.True(session.Raced, "the double never stored the newer state");
        Assert.True(IsPrimary(session.Received[^1]), "the last state the node got is not primary: " + session.Describe());
    }

    [Fact]
    public void With_nothing_stored_meanwhile_each_retained_message_is_given_once()
    {
        var index = new RetainedIndex();
        index.Store(State(primary: true));
        index.Store(new MqttApplicationMessageBuilder().WithTopic(Topics.FlowOwner(Site, 3)).WithPayload("{\"flow\":3}").WithRetainFlag().Build());
        var received = new List<MqttApplicationMessage>();

        RetainedOnSubscribe.Deliver(index, Topics.Root + "/" + Site + "/#", MqttQualityOfServiceLevel.AtLeastOnce,
            index.Matching(Topics.Root + "/" + Site + "/#"), m =>
            {
                received.Add(m);
                return true;
            });

        Assert.Equal([Topics.FlowOwner(Site, 3), Topics.GatewayState(Site, "gw")], received.Select(m => m.Topic).Order(StringComparer.Ordinal));
    }

    private static MqttApplicationMessage State(bool primary)
    {
        var leadership = new Leadership("gw", TimeProvider.System);
        if (primary)
        {
            leadership.Begin(new LeaderTerm(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        }

        return new MqttApplicationMessageBuilder().WithTopic(Topics.GatewayState(Site, "gw"))
            .WithPayload(GatewayStatePayload.Of(leadership, online: true)).WithRetainFlag().Build();
    }

    private static bool IsPrimary(MqttApplicationMessage message)
    {
        var state = new GatewayStateMessage();
        byte[] bytes = System.Buffers.BuffersExtensions.ToArray(message.Payload);
        return JsonCodec.Decode(state, new JsonReader(), bytes, 0, bytes.Length) == ProtocolError.None && state.Online && state.Primary;
    }

    /// <summary>
    /// A node's session into which, on the first retained message given to it, the gateway's newer publish lands first:
    /// the newer one is stored in the index and delivered live before the older one is enqueued.
    /// </summary>
    private sealed class SessionRacedByAPublish(RetainedIndex index, MqttApplicationMessage newer)
    {
        public List<MqttApplicationMessage> Received { get; } = [];

        public bool Raced { get; private set; }

        public bool Enqueue(MqttApplicationMessage message)
        {
            if (!Raced)
            {
                Raced = true;
                index.Store(newer);
                Received.Add(newer);
            }

            Received.Add(message);
            return true;
        }

        public string Describe() => string.Join(" | ", Received.Select(m => m.Topic + " " + m.ConvertPayloadToString()));
    }
}
