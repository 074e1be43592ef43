using MQTTnet.Protocol;

namespace Edge.Gateway.Mqtt;

/// <summary>A watcher's subscription to one filter, and the QoS it was granted.</summary>
internal sealed record Listener(string ClientId, MqttQualityOfServiceLevel Granted);
