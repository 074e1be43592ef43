using System.Collections.Concurrent;
using MQTTnet.Formatter;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The client ids whose session outlives their connection, decided from the CONNECT the way MQTTnet decides
/// (MQTT 3.1.1 clean session off, MQTT 5 a session expiry, and MQTT 3.1 always). Clean-session clients, such as
/// the nodes and the gateway's own clients, are never in it, so the bookkeeping costs them one failed lookup.
/// Bounded by the admitted clients plus <see cref="BrokerLimits.SessionsAway"/>: an id leaves with its session.
/// </summary>
internal sealed class PersistentClients
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

    public bool Contains(string clientId) => _ids.ContainsKey(clientId);

    /// <summary>
    /// Called with the id the session will have (an MQTT 5 client's may be the one assigned to it), once the client
    /// is let in: the id's previous connection has ended by then, and its session's deletion with it.
    /// </summary>
    public void Connecting(ValidatingConnectionEventArgs e, string clientId)
    {
        bool persistent = e.ProtocolVersion switch
        {
            MqttProtocolVersion.V500 => e.SessionExpiryInterval != 0,
            MqttProtocolVersion.V311 => e.CleanSession == false,
            _ => true,
        };
        if (persistent)
        {
            _ids[clientId] = 0;
        }
        else
        {
            _ids.TryRemove(clientId, out _);
        }
    }

    public void SessionDeleted(string clientId) => _ids.TryRemove(clientId, out _);
}
