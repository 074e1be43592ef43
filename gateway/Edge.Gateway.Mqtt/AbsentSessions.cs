using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// Holds persistent sessions to <see cref="BrokerLimits"/> while their clients are away. MQTTnet keeps such a
/// session's queue up to the per-client limit (100 000 here, sized for the gateway's inbox) and never expires a
/// session, so without this one client that subscribed to '#' and left would make the gateway remember every
/// message for ever. QoS 0 messages are not queued for absent clients at all: MQTTnet would clear them at the
/// reconnect anyway (Mosquitto does not queue them either by default).
/// </summary>
internal sealed class AbsentSessions(MqttServer server, PersistentClients persistent, BrokerLimits limits, BrokerCounters counters)
{
    public async Task EnqueueingAsync(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        if (!persistent.Contains(e.ReceiverClientId) || await FindAsync(e.ReceiverClientId).ConfigureAwait(false) is not { DisconnectedTimestamp: not null } session)
        {
            return;
        }

        if (e.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            e.AcceptEnqueue = false;
        }
        else if (session.PendingApplicationMessagesCount >= limits.QueuedWhileAway)
        {
            e.AcceptEnqueue = false;
            counters.DroppedForAbsentClient();
        }
    }

    /// <summary>After a persistent client leaves, the sessions away longest beyond the limit are deleted.</summary>
    public async Task DisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.DisconnectType == MqttClientDisconnectType.Takeover || !persistent.Contains(e.ClientId))
        {
            return;
        }

        IList<MqttSessionStatus> sessions = await server.GetSessionsAsync().ConfigureAwait(false);
        MqttSessionStatus[] absent = [.. sessions.Where(s => s.DisconnectedTimestamp is not null && persistent.Contains(s.Id)).OrderBy(s => s.DisconnectedTimestamp)];
        foreach (MqttSessionStatus oldest in absent.Take(absent.Length - limits.SessionsAway))
        {
            // Read again: the client may have come back since the list was taken.
            if (oldest.DisconnectedTimestamp is not null)
            {
                await oldest.DeleteAsync().ConfigureAwait(false);
                counters.SessionEvicted();
            }
        }
    }

    private async Task<MqttSessionStatus?> FindAsync(string clientId)
    {
        MqttSessionStatus? session = await server.FindSessionAsync(clientId).ConfigureAwait(false);
        if (session is null)
        {
            // Gone meanwhile: deleted, replaced by a clean session, or an MQTT 5 session MQTTnet expired on this
            // lookup (which raises no SessionDeleted event, so the id is dropped here).
            persistent.SessionDeleted(clientId);
        }

        return session;
    }
}
