namespace Edge.Gateway.Core.Queries;

/// <summary>
/// Whether the gateway is taking all it is sent: saturated while its inbound queue makes the transport wait (and
/// shortly after) or sheds reports, how often and how long it waited, telemetry reports shed (their heartbeats
/// counted, their contents not read), heartbeats lost because the fleet loop's lane was full, and times the gateway
/// found itself paused (its own work ran late; nobody was suspected meanwhile), and times most of the fleet went
/// silent at once (suspicions were held: the cause was more likely the broker, the network or a host than the nodes).
/// </summary>
internal sealed record Saturation(bool Saturated, long Waits, double WaitedSeconds, long HeartbeatsDropped, long ReportsShed, long Pauses, long CorrelatedSilences);
