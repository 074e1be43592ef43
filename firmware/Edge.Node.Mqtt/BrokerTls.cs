using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Edge.Node.Mqtt;

/// <summary>
/// TLS to the broker (port 8883), trusting exactly the certificates in a CA file (the lab CA that
/// `edge-gateway certs ca` made) instead of the system store, and checking that the broker's certificate names
/// the host the node dialled. A broker whose certificate another CA signed, or that names another host, is refused.
/// </summary>
public sealed class BrokerTls
{
    private readonly X509Certificate2Collection _trusted;
    private readonly string? _serverName;

    private BrokerTls(X509Certificate2Collection trusted, string caFile, string? serverName)
    {
        _trusted = trusted;
        CaFile = caFile;
        _serverName = serverName;
    }

    public string CaFile { get; }

    /// <summary>
    /// The same trust, but the certificate must name <paramref name="serverName"/> whatever address is dialled: for
    /// a connection through a local relay (the simulator's flaky links) to the broker of that name.
    /// </summary>
    public BrokerTls For(string serverName) => new(_trusted, CaFile, serverName);

    /// <summary>Reads the CA certificates (PEM) from <paramref name="caFile"/>; an unreadable file or one without a certificate is an InvalidDataException naming it.</summary>
    public static BrokerTls FromCaFile(string caFile)
    {
        var trusted = new X509Certificate2Collection();
        try
        {
            trusted.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidDataException("caFile " + caFile + ": cannot read a PEM certificate (" + e.Message + ")", e);
        }

        return trusted.Count > 0 ? new BrokerTls(trusted, caFile, null) : throw new InvalidDataException("caFile " + caFile + ": no PEM certificate in it");
    }

    /// <summary>Turns TLS on for a connection to <paramref name="host"/>, whose certificate must name it.</summary>
    public MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder, string host) =>
        builder.WithTlsOptions(tls => tls
            .UseTls()
            .WithTargetHost(_serverName ?? host)
            .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13)
            .WithTrustChain(_trusted)
            // A lab CA publishes no revocation list: an unknown revocation status must not fail every connect.
            .WithIgnoreCertificateRevocationErrors(true));
}
