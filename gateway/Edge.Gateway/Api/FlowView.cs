namespace Edge.Gateway.Api;

/// <summary>
/// One flow for /api/flows. Owner is the node that last delivered data (the balancer will publish real owners);
/// rate is samples per second over the last closed 10 s window.
/// </summary>
internal sealed record FlowView(int Flow, double Weight, string? Owner, long CommittedSequence, long SampleCount, double ValueSum, int HeldBatches, double Rate);
