namespace Edge.Gateway.Core.Ports;

/// <summary>One MQTT message as the transport hands it over; Payload is rented from ArrayPool and returned after processing.</summary>
internal readonly record struct InboundMessage(string Topic, byte[] Payload, int Length, long ReceivedTimestamp);
