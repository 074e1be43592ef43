using System.Security.Cryptography.X509Certificates;
using Edge.Gateway.Mqtt.Tls;
using Edge.Node.Mqtt;

namespace Edge.Security.Tests.Fixtures;

/// <summary>
/// A lab CA with a server certificate for this machine (localhost, 127.0.0.1, ::1), written as `certs ca` and
/// `certs server` write them, and a stranger's CA that signed nothing here: what a board that trusts the wrong CA has.
/// </summary>
internal sealed class LabTls : IDisposable
{
    private readonly TempDirectory _dir = new();

    public LabTls()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = LabCertificates.CreateCa("Edge test lab CA", now);
        LabCertificates.Save(ca, CaFile, _dir.File(LabCertificates.CaKey));
        using X509Certificate2 server = LabCertificates.CreateServer(ca, ["gw.lab.test"], now);
        LabCertificates.Save(server, CertificateFile, KeyFile);
        using X509Certificate2 stranger = LabCertificates.CreateCa("Someone else's CA", now);
        LabCertificates.Save(stranger, StrangerCaFile, _dir.File("stranger.key"));
        Ca = X509CertificateLoader.LoadCertificateFromFile(CaFile);
    }

    public string Folder => _dir.Path;

    public string CaFile => _dir.File(LabCertificates.CaCertificate);

    public string CertificateFile => _dir.File(LabCertificates.ServerCertificate);

    public string KeyFile => _dir.File(LabCertificates.ServerKey);

    public string StrangerCaFile => _dir.File("stranger.crt");

    public X509Certificate2 Ca { get; }

    /// <summary>A node's TLS settings trusting the lab CA (what a Pi's caFile gives).</summary>
    public BrokerTls NodeTls => BrokerTls.FromCaFile(CaFile);

    /// <summary>
    /// An HTTP client that trusts the lab CA only (not the system's), as a lab browser that imported ca.crt. Without
    /// <paramref name="checkName"/> it accepts the certificate whatever Host it asked for: a DNS-rebinding page that
    /// got past TLS, so the gateway's own host check is what is left to refuse it.
    /// </summary>
    public HttpClient HttpsClient(Action<X509Certificate2>? seen = null, bool checkName = true)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { Ca },
        };
        System.Net.Security.SslPolicyErrors ignored = checkName ? System.Net.Security.SslPolicyErrors.None : System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is not null && seen is not null)
            {
                seen(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            }

            return (errors & ~ignored) == System.Net.Security.SslPolicyErrors.None;
        };

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    public void Dispose()
    {
        Ca.Dispose();
        _dir.Dispose();
    }
}
