using System.Globalization;
using Edge.Protocol;

namespace Edge.Gateway.Core.Outbound;

/// <summary>
/// One message for the outbox. Key names what it supersedes: an unsent message with the same key is replaced,
/// because acks are cumulative and only the newest owner, resend position or command counts.
/// </summary>
internal sealed record OutboundMessage(OutboundKind Kind, string Key, string Topic, byte[] Payload, bool Retain)
{
    public static OutboundMessage Owner(string site, FlowOwnerMessage owner) =>
        new(OutboundKind.Owner, "owner/" + Text(owner.Flow), Topics.FlowOwner(site, owner.Flow), Json(owner), Retain: true);

    /// <summary>An empty retained payload: the broker forgets the flow's owner.</summary>
    public static OutboundMessage ClearOwner(string site, int flow) =>
        new(OutboundKind.Owner, "owner/" + Text(flow), Topics.FlowOwner(site, flow), [], Retain: true);

    public static OutboundMessage Ack(string site, string node, int flow, long nextSequence)
    {
        var payload = new byte[ProtocolLimits.AckBytes];
        new AckMessage { Flow = flow, NextSequence = nextSequence }.Encode(payload, 0);
        return new(OutboundKind.Ack, "ack/" + node + "/" + Text(flow), Topics.Node(site, node, Topics.Ack), payload, Retain: false);
    }

    public static OutboundMessage Resend(string site, string node, CommandMessage command) =>
        new(OutboundKind.Resend, "resend/" + node + "/" + Text(command.Flow), Topics.Node(site, node, Topics.Command), Json(command), Retain: false);

    public static OutboundMessage Command(string site, string node, CommandMessage command) =>
        new(OutboundKind.Command, "cmd/" + node + "/" + command.Command, Topics.Node(site, node, Topics.Command), Json(command), Retain: false);

    public static OutboundMessage State(string site, GatewayStateMessage state) =>
        new(OutboundKind.State, "state", Topics.GatewayState(site, state.Gateway), Json(state), Retain: true);

    /// <summary>Retained config for one node; sized for the largest weights it may carry.</summary>
    public static OutboundMessage Config(string site, string node, ConfigMessage config) =>
        new(OutboundKind.Config, "config/" + node, Topics.Node(site, node, Topics.Config), Json(config, ProtocolLimits.MaxPayloadBytes), Retain: true);

    /// <summary>What only the site's primary may send: everything but its own state.</summary>
    public bool LeaderOnly => Kind != OutboundKind.State;

    private static byte[] Json(IJsonMessage message, int capacity = 256)
    {
        var writer = new JsonWriter(capacity);
        JsonCodec.Encode(message, writer);
        return writer.ToArray();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
