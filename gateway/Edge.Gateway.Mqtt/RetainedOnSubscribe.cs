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
    /// <summary>Readings of the index after the first; a topic rewritten this often while one subscription is served is a flood, whose newest copy still arrives live.</summary>
    private const int Rereads = 4;

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

        // A full session queue drops it, as the broker drops what exceeds its bound (counted there).
        Deliver(index, e.TopicFilter.Topic, e.TopicFilter.QualityOfServiceLevel, retained, message => session.TryEnqueueApplicationMessage(message, out _));
    }

    /// <summary>
    /// Enqueues what the index held for <paramref name="filter"/> (<paramref name="retained"/>), then reads it again
    /// and enqueues whatever changed meanwhile. A message stored between the reading and the enqueueing goes to the
    /// subscription live, ahead of the older copy given here: without the second reading the older copy arrives last,
    /// and a node keeps "gateway online, not primary" after being told "primary" (what one board of a 1,000-node start
    /// showed: it never saw a primary gateway). Whatever is stored after the last reading reaches the subscription live,
    /// after all of these.
    /// </summary>
    internal static void Deliver(RetainedIndex index, string filter, MqttQualityOfServiceLevel granted, List<MqttApplicationMessage> retained,
        Func<MqttApplicationMessage, bool> enqueue)
    {
        Dictionary<string, MqttApplicationMessage>? given = null;
        for (int reading = 0; reading <= Rereads; reading++)
        {
            bool changed = false;
            foreach (MqttApplicationMessage message in reading == 0 ? retained : index.Matching(filter))
            {
                // The index keeps a new copy per store, so the same object means nothing was stored since.
                if (given is not null && given.TryGetValue(message.Topic, out MqttApplicationMessage? sent) && ReferenceEquals(sent, message))
                {
                    continue;
                }

                (given ??= new Dictionary<string, MqttApplicationMessage>(StringComparer.Ordinal))[message.Topic] = message;
                enqueue(RetainedIndex.ForSubscriber(message, granted));
                changed = true;
            }

            if (!changed)
            {
                return;
            }
        }
    }
}
