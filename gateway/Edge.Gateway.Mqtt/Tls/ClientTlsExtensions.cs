using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Edge.Gateway.Mqtt.Tls;

internal static class ClientTlsExtensions
{
    /// <summary>
    /// TLS for the gateway's clients of an mqtts:// broker: the broker's certificate must chain to the CA file (or,
    /// without one, to the system's CAs) and name the host dialled, the same check the nodes make
    /// (firmware/Edge.Node.Mqtt/BrokerTls.cs).
    /// </summary>
    public static MqttClientOptionsBuilder WithBrokerTls(this MqttClientOptionsBuilder builder, bool useTls, string host, string? caFile)
    {
        if (!useTls)
        {
            return builder;
        }

        return builder.WithTlsOptions(tls =>
        {
            tls.UseTls().WithTargetHost(host).WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13);
            if (caFile is not null)
            {
                var trusted = new X509Certificate2Collection();
                trusted.ImportFromPemFile(caFile);
                // A lab CA publishes no revocation list: an unknown revocation status must not fail every connect.
                tls.WithTrustChain(trusted).WithIgnoreCertificateRevocationErrors(true);
            }
        });
    }
}
