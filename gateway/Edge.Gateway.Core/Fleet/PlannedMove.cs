namespace Edge.Gateway.Core.Fleet;

/// <summary>A flow unassigned from a live node, to be given to Target once the old owner has flushed.</summary>
internal sealed record PlannedMove(int Flow, string From, string Target, long DueMs);
