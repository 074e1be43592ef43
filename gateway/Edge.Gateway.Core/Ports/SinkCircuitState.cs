namespace Edge.Gateway.Core.Ports;

/// <summary>Exported as the edge_gateway_sink_state gauge value, so the numbers are part of the contract.</summary>
internal enum SinkCircuitState
{
    Closed = 0,
    HalfOpen = 1,
    Open = 2,
}
