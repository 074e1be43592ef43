using System.Net;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// One round of subscribe, publish at QoS 1 and 2, and unsubscribe through the broker's own socket before anyone
/// else connects. The first run of each of MQTTnet's code paths is compiled then, which under load takes tens of
/// milliseconds: long enough that a client's first UNSUBSCRIBE was still being compiled when another client's
/// PUBLISH, sent after it, was delivered (Paho's interoperability test_unsubscribe saw exactly that). The topic
/// starts with '$', so no '#' subscriber sees it.
/// </summary>
internal static class BrokerWarmUp
{
    /// <summary>Never fails the broker's start: without the warm-up it only answers its first clients more slowly.</summary>
    public static async Task RunAsync(IPAddress address, int port, (string User, string Password)? identity = null)
    {
        try
        {
            await RoundAsync(address, port, identity).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException)
        {
            // Nothing to do: see above.
        }
    }

    private static async Task RoundAsync(IPAddress address, int port, (string User, string Password)? identity)
    {
        IPAddress target = address.Equals(IPAddress.Any) ? IPAddress.Loopback : address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : address;
        string topic = "$edge/warm-up/" + Guid.NewGuid().ToString("N");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int count = 0;
        client.ApplicationMessageReceivedAsync += _ =>
        {
            if (Interlocked.Increment(ref count) == 2)
            {
                received.TrySetResult();
            }

            return Task.CompletedTask;
        };
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder().WithTcpServer(target.ToString(), port).WithCleanSession();
        if (identity is { } who)
        {
            options = options.WithClientId(who.User).WithCredentials(who.User, who.Password);
        }

        await client.ConnectAsync(options.Build(), timeout.Token).ConfigureAwait(false);
        await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.ExactlyOnce, timeout.Token).ConfigureAwait(false);
        await client.PublishStringAsync(topic, "1", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: timeout.Token).ConfigureAwait(false);
        await client.PublishStringAsync(topic, "2", MqttQualityOfServiceLevel.ExactlyOnce, cancellationToken: timeout.Token).ConfigureAwait(false);
        await received.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        await client.UnsubscribeAsync(topic, timeout.Token).ConfigureAwait(false);
        await client.DisconnectAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
    }
}
