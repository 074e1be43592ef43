using MQTTnet;

namespace Edge.Gateway.Mqtt.Security;

internal static class GatewayCredentialExtensions
{
    /// <summary>Logs in as <paramref name="clientId"/> (the broker binds the id to the username) when a password is known.</summary>
    public static MqttClientOptionsBuilder WithGatewayCredential(this MqttClientOptionsBuilder builder, string clientId, string? password) =>
        password is null ? builder : builder.WithCredentials(clientId, password);
}
