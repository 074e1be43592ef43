using System.Collections.Concurrent;
using System.Net;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// Lets a client's new connection in only once its previous connection under the same id has ended, or after the
/// patience given (<see cref="DefaultPatience"/>). MQTTnet 5.2's server ends a connection (outside any lock) by
/// removing whatever table entry and session now hold its client id, and closing the connection it finds there: a
/// new connection with the same id that registered in that gap lost its session, and with it every subscription (a
/// node got no more acks), or was closed as a normal disconnection. A node that disconnects and connects again at
/// once does exactly that; tests/Edge.Gateway.Tests/Conformance/ReconnectTests.cs hit it about once in 2,000
/// reconnects, and CI runs failed on it. A previous connection that is not ending (a board that rebooted behind a
/// half-open socket) is taken over after the wait, which MQTTnet handles safely: it marks it taken over before it
/// can end.
/// A connection is known here from the moment it is admitted, before its CONNACK is sent: known only from its
/// ClientConnected event, raised after the CONNACK, a connection the client had already left could still be ending
/// unseen when the client's next connection came in (a CI run failed on that too).
/// Bounded by the admitted clients: an entry leaves with its connection, or is replaced by the id's next one.
/// </summary>
internal sealed class ReconnectHandover(TimeSpan patience)
{
    /// <summary>Long enough for an ending connection (milliseconds), short against a client's CONNACK timeout.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Connection> _live = new(StringComparer.Ordinal);

    public ReconnectHandover()
        : this(DefaultPatience)
    {
    }

    /// <summary>Attach after every other CONNECT check, so that only a client about to be admitted waits or is recorded.</summary>
    public void AttachAdmission(MqttServer server) => server.ValidatingConnectionAsync += AdmittingAsync;

    /// <summary>
    /// Attach after every other disconnect handler (the gateway's intake attaches at start): MQTTnet runs a hook's
    /// handlers one after another, and a client let in from here on must find what they forget of its last
    /// connection already forgotten, not forgotten under its new one (its subscriptions, in BrokerSubscriptions).
    /// </summary>
    public void AttachEndings(MqttServer server) =>
        // Raised after MQTTnet has removed the connection's entry and session (a takeover's too, before the new
        // connection's ClientConnected), so whoever waits may register from then on.
        server.ClientDisconnectedAsync += e =>
        {
            if (!string.IsNullOrEmpty(e.ClientId) && _live.TryGetValue(e.ClientId, out Connection? connection) && Equals(connection.Endpoint, e.RemoteEndPoint))
            {
                _live.TryRemove(new KeyValuePair<string, Connection>(e.ClientId, connection));
                connection.Ended.TrySetResult();
            }

            return Task.CompletedTask;
        };

    private async Task AdmittingAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ReasonCode != MqttConnectReasonCode.Success || string.IsNullOrEmpty(e.ClientId))
        {
            return;
        }

        // The endpoint names a connection in both events (the session's items do not: a resumed session keeps the
        // items of the connection that made it).
        var admitted = new Connection(e.RemoteEndPoint);
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(e.CancellationToken);
        waited.CancelAfter(patience);
        while (true)
        {
            if (!_live.TryGetValue(e.ClientId, out Connection? previous))
            {
                if (_live.TryAdd(e.ClientId, admitted))
                {
                    return;
                }

                continue;
            }

            if (!previous.Ended.Task.IsCompleted && !waited.IsCancellationRequested)
            {
                await Task.WhenAny(previous.Ended.Task, Task.Delay(Timeout.Infinite, waited.Token)).ConfigureAwait(false);
                continue;
            }

            // Ended, or out of patience: MQTTnet takes a connection that is still there over.
            if (_live.TryUpdate(e.ClientId, admitted, previous))
            {
                previous.Ended.TrySetResult();
                return;
            }
        }
    }

    private sealed class Connection(EndPoint? endpoint)
    {
        public EndPoint? Endpoint { get; } = endpoint;

        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
