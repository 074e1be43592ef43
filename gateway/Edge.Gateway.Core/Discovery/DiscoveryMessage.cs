namespace Edge.Gateway.Core.Discovery;

/// <summary>One retained Home Assistant discovery config: where it goes and its UTF-8 JSON.</summary>
internal sealed record DiscoveryMessage(string Topic, byte[] Payload);
