using MQTTnet.Server;

namespace Edge.Gateway.Mqtt;

/// <summary>MQTTnet throws when a session is not there; every caller here means "gone meanwhile" and wants null.</summary>
internal static class SessionLookup
{
    public static async Task<MqttSessionStatus?> FindSessionAsync(this MqttServer server, string clientId)
    {
        try
        {
            return await server.GetSessionAsync(clientId).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
