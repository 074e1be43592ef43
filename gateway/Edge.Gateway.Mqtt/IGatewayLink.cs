using Edge.Gateway.Core.Ports;

namespace Edge.Gateway.Mqtt;

/// <summary>
/// The gateway's way out to the broker: everything it publishes, and its own retained state (online once started,
/// offline on a clean stop). A loopback MQTT client for an external broker (<see cref="GatewayOutbox"/>), or
/// straight into the embedded broker (<see cref="EmbeddedPublisher"/>).
/// </summary>
internal interface IGatewayLink : IMessagePublisher
{
    bool IsConnected { get; }

    /// <summary>Why the last attempt to reach the broker failed; null while connected or in process.</summary>
    string? LastError { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task DisconnectAsync();
}

/// <summary>
/// The gateway's way in: every message on the node tree and every gateway's state, handed to the runtime, which
/// pushes back by making the hand-over wait. A subscribing client (<see cref="GatewayInbox"/>), or a tap on the
/// embedded broker's publish path (<see cref="EmbeddedIntake"/>).
/// </summary>
internal interface IGatewayIntake
{
    bool IsConnected { get; }

    /// <summary>Why the last attempt to reach the broker failed; null while connected or in process.</summary>
    string? LastError { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task DisconnectAsync();
}
