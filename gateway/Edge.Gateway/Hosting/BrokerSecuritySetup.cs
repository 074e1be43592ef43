using System.Net;
using Edge.Gateway.Mqtt.Security;

namespace Edge.Gateway.Hosting;

/// <summary>
/// The broker identities and ACL of a gateway: the credentials file next to its database (written by
/// <c>nodes add</c>), the gateway's own secret (made at first start) and the mode: anonymous local clients only
/// while the embedded broker listens on loopback alone, unless --anonymous says otherwise.
/// </summary>
internal static class BrokerSecuritySetup
{
    public static (BrokerAuthorizer Authorizer, string GatewayPassword) Create(GatewayHostOptions options)
    {
        string database = options.Gateway.Store.DatabasePath;
        string path = NodeCredentials.PathFor(database);
        NodeCredentials credentials = NodeCredentials.Load(path);
        string secret = GatewaySecret.LoadOrCreate(GatewaySecret.PathFor(database));
        GatewaySecret.Register(credentials, options.Gateway.GatewayId, secret);
        bool loopbackOnly = IPAddress.TryParse(options.MqttBind, out IPAddress? bind) && IPAddress.IsLoopback(bind);
        var security = new BrokerSecurity(credentials, new TopicAcl(options.Gateway.Site), AllowAnonymous: options.AllowAnonymous ?? loopbackOnly)
        {
            CredentialsPath = path,
        };
        return (new BrokerAuthorizer(security), secret);
    }
}
