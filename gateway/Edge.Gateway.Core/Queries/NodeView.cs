namespace Edge.Gateway.Core.Queries;

/// <summary>GET /api/nodes: one node's session and its last load report.</summary>
internal sealed record NodeView(
    string Node, long Session, bool Online, long LastSeenMs, long HeartbeatMs, long BufferFill, long BufferCapacity, double Rate,
    double Forecast, long Unacked);
