using System.Collections;
using System.Collections.Concurrent;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// Lets a client's new connection in only once its previous connection under the same id has ended, or after
/// <see cref="Patience"/>. MQTTnet 5.2's server ends a connection (outside any lock) by removing whatever table
/// entry and session now hold its client id, and closing the connection it finds there: a new connection with the
/// same id that registered in that gap lost its session, and with it every subscription (a node got no more acks),
/// or was closed as a normal disconnection. A node that disconnects and connects again at once does exactly that;
/// tests/Edge.Gateway.Tests/Conformance/ReconnectTests.cs hit it about once in 2,000 reconnects, and a CI run
/// failed on it. A previous connection that is not ending (a board that rebooted behind a half-open socket) is
/// taken over after the wait, which MQTTnet handles safely: it marks it taken over before it can end.
/// Bounded by the connected clients: an entry leaves with its connection.
/// </summary>
internal sealed class ReconnectHandover
{
    /// <summary>Long enough for an ending connection (milliseconds), short against a client's CONNACK timeout.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Connection> _live = new(StringComparer.Ordinal);

    public void Attach(MqttServer server)
    {
        server.ValidatingConnectionAsync += ConnectingAsync;
        server.ClientConnectedAsync += e =>
        {
            if (string.IsNullOrEmpty(e.ClientId))
            {
                return Task.CompletedTask;
            }

            var connection = new Connection(e.SessionItems);
            _live.AddOrUpdate(e.ClientId, connection, (_, previous) =>
            {
                previous.Ended.TrySetResult();
                return connection;
            });
            return Task.CompletedTask;
        };
        // Raised after MQTTnet has removed the connection's entry and session (a takeover's too, before the new
        // connection's ClientConnected), so whoever waits may register from then on.
        server.ClientDisconnectedAsync += e =>
        {
            if (!string.IsNullOrEmpty(e.ClientId) && _live.TryGetValue(e.ClientId, out Connection? connection) && ReferenceEquals(connection.Items, e.SessionItems))
            {
                _live.TryRemove(new KeyValuePair<string, Connection>(e.ClientId, connection));
                connection.Ended.TrySetResult();
            }

            return Task.CompletedTask;
        };
    }

    private async Task ConnectingAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ReasonCode != MqttConnectReasonCode.Success || string.IsNullOrEmpty(e.ClientId) || !_live.TryGetValue(e.ClientId, out Connection? previous))
        {
            return;
        }

        await Task.WhenAny(previous.Ended.Task, Task.Delay(Patience, e.CancellationToken)).ConfigureAwait(false);
    }

    private sealed class Connection(IDictionary items)
    {
        public IDictionary Items { get; } = items;

        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
