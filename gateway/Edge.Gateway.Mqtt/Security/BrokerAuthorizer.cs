using Edge.Protocol;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// Enforces <see cref="BrokerSecurity"/> through MQTTnet's server hooks: CONNECT (credentials, client id = username,
/// no anonymous use of a known identity), every PUBLISH (topic ACL, payload size, retained only where the protocol
/// retains, per-client rate) and every SUBSCRIBE (topic ACL, distinct filters per client). Refusals are counted in <see cref="Counters"/>.
/// </summary>
internal sealed class BrokerAuthorizer(BrokerSecurity security)
{
    private readonly Lock _reloadGate = new();
    private DateTime _loaded = security.CredentialsPath is { } path && File.Exists(path) ? File.GetLastWriteTimeUtc(path) : default;

    public SecurityCounters Counters { get; } = new();

    public BrokerSecurity Security => security;

    public void Attach(MqttServer server)
    {
        server.ValidatingConnectionAsync += ValidatingAsync;
        server.InterceptingPublishAsync += PublishingAsync;
        server.InterceptingSubscriptionAsync += SubscribingAsync;
        server.ClientUnsubscribedTopicAsync += e =>
        {
            // Raised for every filter an UNSUBSCRIBE names, held or not: releasing one not held does nothing.
            if (e.SessionItems[SubscriptionQuota.SessionKey] is SubscriptionQuota quota)
            {
                quota.Release(e.TopicFilter);
            }

            return Task.CompletedTask;
        };
    }

    private Task ValidatingAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ReasonCode != MqttConnectReasonCode.Success)
        {
            return Task.CompletedTask;
        }

        string clientId = string.IsNullOrEmpty(e.ClientId) ? e.AssignedClientIdentifier ?? "" : e.ClientId;
        if (string.IsNullOrEmpty(e.UserName))
        {
            if (!security.AllowAnonymous)
            {
                Counters.AnonymousRefusal();
                e.ReasonCode = MqttConnectReasonCode.NotAuthorized;
            }
            else if (security.Credentials.Contains(clientId))
            {
                // Even on loopback, an identity with a credential is only ever used with that credential.
                Counters.ClientIdRefusal();
                e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            }
            else
            {
                e.SessionItems[ClientIdentity.SessionKey] = new ClientIdentity(clientId, Role.LocalAnonymous, null);
            }

            return Task.CompletedTask;
        }

        if (!security.Credentials.Contains(e.UserName))
        {
            ReloadIfChanged();
        }

        if (security.Credentials.Verify(e.UserName, e.Password) is not { } role)
        {
            Counters.BadCredential();
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return Task.CompletedTask;
        }

        if (!string.Equals(clientId, e.UserName, StringComparison.Ordinal))
        {
            // The client id is the identity: nobody else's session (or Will) can be taken over with one's own password.
            Counters.ClientIdRefusal();
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            return Task.CompletedTask;
        }

        PublishBucket? bucket = role == Role.Gateway ? null : new PublishBucket(security.MaxPublishPerSecond, security.PublishBurst);
        e.SessionItems[ClientIdentity.SessionKey] = new ClientIdentity(e.UserName, role, bucket);
        return Task.CompletedTask;
    }

    private Task PublishingAsync(InterceptingPublishEventArgs e)
    {
        if (e.SessionItems[ClientIdentity.SessionKey] is not ClientIdentity who)
        {
            // Not from a client this authorizer let in (a message the server injects itself).
            if (!security.AllowAnonymous && !string.IsNullOrEmpty(e.ClientId))
            {
                Deny(e);
                Counters.PublishDenial();
            }

            return Task.CompletedTask;
        }

        if (who.Role is Role.Gateway or Role.LocalAnonymous)
        {
            return Task.CompletedTask;
        }

        string topic = e.ApplicationMessage.Topic;
        if (who.Bucket is { } bucket && !bucket.TryTake())
        {
            Counters.Throttle();
            Deny(e);
        }
        else if (e.ApplicationMessage.Payload.Length > security.MaxPayloadBytes)
        {
            Counters.OversizePublish();
            Deny(e);
            e.CloseConnection = true;
        }
        else if (!security.Acl.MayPublish(who.Role, who.User, topic))
        {
            Counters.PublishDenial();
            Deny(e);
        }
        else if (e.ApplicationMessage.Retain && !IsRetainedLeaf(topic))
        {
            Counters.RetainDenial();
            Deny(e);
        }

        return Task.CompletedTask;
    }

    private Task SubscribingAsync(InterceptingSubscriptionEventArgs e)
    {
        // The gateway's own identity may read anything, as it may publish anything (its broker warm-up reads a '$'
        // topic no ACL line names).
        ClientIdentity? who = e.SessionItems[ClientIdentity.SessionKey] as ClientIdentity;
        if (who is null
            ? !security.AllowAnonymous
            : who.Role != Role.Gateway && !security.Acl.MaySubscribe(who.Role, who.User, e.TopicFilter.Topic))
        {
            Counters.SubscribeDenial();
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        }
        else if (who?.Role != Role.Gateway
            && !SubscriptionQuota.Of(e.SessionItems).TryTake(e.TopicFilter.Topic, who?.Role == Role.Node ? security.MaxSubscriptionsPerNode : security.MaxSubscriptionsPerClient))
        {
            Counters.SubscriptionOverQuota();
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.QuotaExceeded;
        }

        return Task.CompletedTask;
    }

    private void ReloadIfChanged()
    {
        if (security.CredentialsPath is not { } path || !File.Exists(path))
        {
            return;
        }

        DateTime written = File.GetLastWriteTimeUtc(path);
        lock (_reloadGate)
        {
            if (written == _loaded)
            {
                return;
            }

            try
            {
                security.Credentials.Refresh(NodeCredentials.Load(path));
                _loaded = written;
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                // Keep what is loaded; the next unknown username tries again.
            }
        }
    }

    /// <summary>Of what a node may publish, docs/PROTOCOL.md retains only its birth and its state.</summary>
    private static bool IsRetainedLeaf(string topic) =>
        topic.EndsWith("/" + Topics.Birth, StringComparison.Ordinal) || topic.EndsWith("/" + Topics.State, StringComparison.Ordinal);

    private static void Deny(InterceptingPublishEventArgs e)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
    }
}
