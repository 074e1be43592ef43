using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// Gives a new subscription the retained messages of <see cref="RetainedIndex"/> it matches, as the broker gives its
/// own. MQTTnet raises the event after it has registered the subscription, so whatever is stored from then on reaches
/// it live, and what was stored before is in the index: nothing published meanwhile is missed (MQTTnet's own copy of
/// its store is taken before the subscription is registered, which let a node miss an owner or the gateway turning
/// primary). MQTT allows these to precede the SUBACK (3.1.1 section 3.8.4).
/// </summary>
internal static class RetainedOnSubscribe
{
    public static async Task DeliverAsync(MqttServer server, RetainedIndex index, ClientSubscribedTopicEventArgs e)
    {
        if (e.TopicFilter.RetainHandling == MqttRetainHandling.DoNotSendOnSubscribe)
        {
            return;
        }

        List<MqttApplicationMessage> retained = index.Matching(e.TopicFilter.Topic);
        if (retained.Count == 0)
        {
            return;
        }

        if (await server.FindSessionAsync(e.ClientId).ConfigureAwait(false) is not { } session)
        {
            return; // Gone already: nobody to give them to.
        }

        foreach (MqttApplicationMessage message in retained)
        {
            // A full session queue drops it, as the broker drops what exceeds its bound (counted there).
            session.TryEnqueueApplicationMessage(RetainedIndex.ForSubscriber(message, e.TopicFilter.QualityOfServiceLevel), out _);
        }
    }
}
