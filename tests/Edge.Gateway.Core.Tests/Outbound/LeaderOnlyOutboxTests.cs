using Edge.Gateway.Core.Outbound;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Tests.Support;
using Edge.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Gateway.Core.Tests.Outbound;

/// <summary>Acks, owners and commands leave only a leading gateway; its own state leaves whatever its role.</summary>
[Trait("Category", "Unit")]
public sealed class LeaderOnlyOutboxTests
{
    [Fact]
    public async Task A_standby_publishes_its_state_but_no_ack_owner_or_command()
    {
        var publisher = new RecordingPublisher();
        Leadership standby = Leaders.Standing();
        var outbox = new Outbox(publisher, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger<Outbox>.Instance, standby);
        outbox.Enqueue(OutboundMessage.Ack("lab", "n1", 1, 5));
        outbox.Enqueue(OutboundMessage.Owner("lab", new FlowOwnerMessage { Flow = 1, Node = "n1", Epoch = 3 }));
        outbox.Enqueue(OutboundMessage.Command("lab", "n1", new CommandMessage { Command = CommandMessage.Rebirth, Id = 1 }));
        outbox.Enqueue(OutboundMessage.State("lab", standby.StateMessage(online: true)));

        Assert.True(await outbox.FlushAsync(CancellationToken.None));

        var (topic, payload, retain) = Assert.Single(publisher.Published);
        Assert.Equal(("edge/v1/lab/gateway/gw-test/state", true), (topic, retain));
        var state = new GatewayStateMessage();
        Assert.Equal(ProtocolError.None, JsonCodec.Decode(state, new JsonReader(), payload, 0, payload.Length));
        Assert.False(state.Primary);
        Assert.Equal(3, outbox.Suppressed);
        Assert.Empty(standby.AckWindows());
    }

    [Fact]
    public async Task A_leader_acks_and_its_acks_are_stamped_in_its_term()
    {
        var publisher = new RecordingPublisher();
        Leadership leader = Leaders.Leading(token: 57);
        var outbox = new Outbox(publisher, NullGatewayMetrics.Instance, TimeProvider.System, NullLogger<Outbox>.Instance, leader);
        outbox.Enqueue(OutboundMessage.Ack("lab", "n1", 1, 5));
        outbox.Enqueue(OutboundMessage.Ack("lab", "n2", 1, 9));
        outbox.Enqueue(OutboundMessage.State("lab", leader.StateMessage(online: true)));

        Assert.True(await outbox.FlushAsync(CancellationToken.None));

        Assert.Equal(3, publisher.Published.Count);
        AckWindow window = Assert.Single(leader.AckWindows());
        Assert.Equal((57L, 2L), (window.Token, window.Count));
        var state = new GatewayStateMessage();
        byte[] payload = publisher.Published.Last().Payload;
        Assert.Equal(ProtocolError.None, JsonCodec.Decode(state, new JsonReader(), payload, 0, payload.Length));
        Assert.Equal((true, 57L), (state.Primary, state.Token));
    }
}
