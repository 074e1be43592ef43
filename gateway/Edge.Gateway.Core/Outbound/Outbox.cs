using System.Threading.Channels;
using Edge.Gateway.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Edge.Gateway.Core.Outbound;

/// <summary>
/// Everything the gateway's logic sends to nodes (owners, acks, resend requests, commands) goes out through this
/// one queue, drained by one pump, so no loop that decides ever waits on the broker. A message the broker did not
/// take stays queued and is sent again; an unsent message is replaced by a newer one with the same key, so a
/// reconnecting client gets the current owners and the highest acks, not a backlog of stale ones. Bounded by the
/// number of keys: flows, nodes x flows, nodes. Acks, owners and commands go out only while this gateway leads
/// (checked as each one is taken, so a gateway that was paused past its lease drops them instead of sending them
/// after the new leader's); its own state goes out whatever its role.
/// </summary>
internal sealed partial class Outbox(IMessagePublisher publisher, IGatewayMetrics metrics, TimeProvider clock, ILogger<Outbox> logger,
    Leadership? leadership = null)
{
    /// <summary>After a failed publish the pump waits this long before it tries again (the client is reconnecting).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(100);

    /// <summary>Publishes awaiting the broker's acknowledgement at once.</summary>
    public const int Window = 256;

    private readonly Lock _gate = new();
    private readonly LinkedList<OutboundMessage> _order = new();
    private readonly Dictionary<string, LinkedListNode<OutboundMessage>> _pending = new(StringComparer.Ordinal);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool _refusing;

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Publishes the broker refused; each message stays queued until one succeeds.</summary>
    public long Failures { get; private set; }

    /// <summary>Acks, owners and commands dropped unsent because this gateway no longer leads.</summary>
    public long Suppressed { get; private set; }

    public void Enqueue(OutboundMessage message)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(message.Key, out LinkedListNode<OutboundMessage>? queued))
            {
                queued.Value = message;
            }
            else
            {
                _pending[message.Key] = _order.AddLast(message);
            }
        }

        Wake();
    }

    public void EnqueueAll(IEnumerable<OutboundMessage> messages)
    {
        foreach (OutboundMessage message in messages)
        {
            Enqueue(message);
        }
    }

    /// <summary>
    /// Publishes what is queued, in order, up to <see cref="Window"/> at a time: the broker's acknowledgements are
    /// awaited together, not one round trip per message (with an external broker each PUBACK is a loopback round
    /// trip; one at a time, they capped acks at a few thousand a second). False when the broker refused one: it and
    /// any other refused stay first in line, in their order.
    /// </summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        var sending = new List<(OutboundMessage Message, Task Publish, long StartedMs)>(Window);
        while (true)
        {
            sending.Clear();
            while (sending.Count < Window && TryTake(out OutboundMessage? message))
            {
                long startedMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
                Task publish;
                try
                {
                    publish = publisher.PublishAsync(message.Topic, message.Payload, message.Retain, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    publish = Task.FromException(e);
                }

                sending.Add((message, publish, startedMs));
                if (publish.IsFaulted)
                {
                    // Refused at once (not connected): the rest can wait for the retry.
                    break;
                }
            }

            if (sending.Count == 0)
            {
                return true;
            }

            List<OutboundMessage>? refused = null;
            Exception? reason = null;
            foreach ((OutboundMessage message, Task publish, long startedMs) in sending)
            {
                try
                {
                    await publish.ConfigureAwait(false);
                    Count(message, startedMs);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    (refused ??= []).Add(message);
                    reason ??= e;
                }
            }

            if (refused is not null)
            {
                PutBack(refused);
                if (!_refusing)
                {
                    // Once per outage: the pump retries every RetryAfter and must not flood the log meanwhile.
                    _refusing = true;
                    LogRefused(logger, refused[0].Topic, reason!.Message);
                }

                return false;
            }

            if (_refusing)
            {
                _refusing = false;
                LogTaking(logger, Pending);
            }
        }
    }

    /// <summary>The pump: publishes whenever something is queued, and retries what the broker refused.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Ends only by cancellation, always as OperationCanceledException, whichever await the cancel lands after.
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await FlushAsync(cancellationToken).ConfigureAwait(false))
            {
                await _signal.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(RetryAfter, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private bool TryTake(out OutboundMessage message)
    {
        lock (_gate)
        {
            while (_order.First is { } first)
            {
                _order.RemoveFirst();
                _pending.Remove(first.Value.Key);
                if (first.Value.LeaderOnly && leadership is { IsLeader: false })
                {
                    Suppressed++;
                    continue;
                }

                message = first.Value;
                return true;
            }

            message = null!;
            return false;
        }
    }

    /// <summary>Back to the front in their order, each unless a newer message with the same key came in meanwhile.</summary>
    private void PutBack(List<OutboundMessage> messages)
    {
        lock (_gate)
        {
            Failures += messages.Count;
            for (int i = messages.Count - 1; i >= 0; i--)
            {
                OutboundMessage message = messages[i];
                if (!_pending.ContainsKey(message.Key))
                {
                    _pending[message.Key] = _order.AddFirst(message);
                }
            }
        }
    }

    private void Count(OutboundMessage message, long startedMs)
    {
        switch (message.Kind)
        {
            case OutboundKind.Ack:
                metrics.AckSent();
                leadership?.AckPublished(startedMs);
                break;
            case OutboundKind.Resend:
                metrics.ResendRequested();
                break;
        }
    }

    /// <summary>At most one wake-up is pending: the pump drains everything queued when it runs.</summary>
    private void Wake() => _signal.Writer.TryWrite(true);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker did not take {Topic} ({Reason}); it and what follows stay queued and are sent again")]
    private static partial void LogRefused(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The broker takes messages again; {Pending} still queued")]
    private static partial void LogTaking(ILogger logger, int pending);
}
