namespace Edge.Gateway.Core.Queries;

/// <summary>
/// GET /api/flows: one flow's committed position and totals. Owner is the node that last delivered data (the
/// assignment is in <see cref="FleetView.Owners"/>); rate is samples per second over the last closed window.
/// </summary>
internal sealed record FlowView(int Flow, double Weight, string? Owner, long CommittedSequence, long SampleCount, double ValueSum, int HeldBatches, double Rate);
