namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// A flow's current assignment: Node is empty while a planned move waits for the old owner's flush. Token is the
/// fencing token of the leader that made it.
/// </summary>
internal sealed record FlowOwner(int Flow, string Node, long Epoch, long SinceMs, long Token = 0);
