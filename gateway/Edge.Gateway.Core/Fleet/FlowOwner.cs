namespace Edge.Gateway.Core.Fleet;

/// <summary>A flow's current assignment: Node is empty while a planned move waits for the old owner's flush.</summary>
internal sealed record FlowOwner(int Flow, string Node, long Epoch, long SinceMs);
