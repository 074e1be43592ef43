namespace Edge.Gateway.Core.Queries;

/// <summary>Items waiting in each of the gateway's queues: where a backlog builds up shows which loop is behind.</summary>
internal sealed record QueueDepths(int Inbound, int Store, int Outbox, int Fleet);
