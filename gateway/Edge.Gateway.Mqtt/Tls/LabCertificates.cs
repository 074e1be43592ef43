using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Edge.Gateway.Mqtt.Tls;

/// <summary>
/// A lab certificate authority and the certificates it signs, made with the BCL's <see cref="CertificateRequest"/>
/// (docs/SECURITY.md gives the same steps with openssl). RSA 2048 with SHA-256: what Mosquitto (OpenSSL), MQTTnet and
/// the ESP32's mbedTLS (nanoFramework's M2Mqtt) all load. Certificates and keys are PEM; keys are owner-only files.
/// </summary>
internal static class LabCertificates
{
    public const string CaCertificate = "ca.crt";
    public const string CaKey = "ca.key";
    public const string ServerCertificate = "server.crt";
    public const string ServerKey = "server.key";

    /// <summary>Ten years: a lab CA outlives its boards' firmware.</summary>
    public static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);

    /// <summary>825 days: the longest server lifetime TLS clients of the CA/Browser rules still accept.</summary>
    public static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(825);

    /// <summary>Names every server certificate carries besides the ones asked for, so this machine's own clients (and HTTPS on 127.0.0.1) check it too.</summary>
    public static readonly IReadOnlyList<string> LocalNames = ["localhost", "127.0.0.1", "::1"];

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>A self-signed CA that may sign end-entity certificates only (path length 0).</summary>
    public static X509Certificate2 CreateCa(string commonName, DateTimeOffset now)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now + CaLifetime);
    }

    /// <summary>
    /// A server certificate for the broker (and HTTPS) signed by <paramref name="ca"/>: each host is a DNS name or an
    /// IP address in the subject alternative names (what clients check), plus <see cref="LocalNames"/>.
    /// </summary>
    public static X509Certificate2 CreateServer(X509Certificate2 ca, IEnumerable<string> hosts, DateTimeOffset now)
    {
        string[] names = [.. hosts.Select(h => h.Trim()).Where(h => h.Length > 0).Concat(LocalNames).Distinct(StringComparer.OrdinalIgnoreCase)];
        var san = new SubjectAlternativeNameBuilder();
        foreach (string name in names)
        {
            if (IPAddress.TryParse(name, out IPAddress? address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(CheckedDnsName(name));
            }
        }

        return Sign(ca, names[0], san.Build(critical: false), ServerAuthentication, now, ServerLifetime);
    }

    /// <summary>A client certificate whose common name is the node id (for brokers set to require one, e.g. Mosquitto's require_certificate).</summary>
    public static X509Certificate2 CreateClient(X509Certificate2 ca, string id, DateTimeOffset now) =>
        Sign(ca, id, null, ClientAuthentication, now, ServerLifetime);

    /// <summary>Writes the certificate as PEM and its private key as owner-only PKCS#8 PEM.</summary>
    public static void Save(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        using RSA key = certificate.GetRSAPrivateKey() ?? throw new ArgumentException("the certificate has no private key", nameof(certificate));
        WriteOwnerOnly(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
    }

    /// <summary>A certificate with its private key from PEM files (what <see cref="Save"/> wrote, or openssl's).</summary>
    public static X509Certificate2 Load(string certificatePath, string keyPath) => X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

    private static X509Certificate2 Sign(X509Certificate2 ca, string commonName, X509Extension? san, string usage, DateTimeOffset now, TimeSpan lifetime)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        // No certificate may outlive the CA that signed it: clients would refuse it from then on anyway.
        DateTimeOffset notAfter = now + lifetime < ca.NotAfter ? now + lifetime : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        using X509Certificate2 signed = request.Create(ca, now.AddMinutes(-5), notAfter, SerialNumber());
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>16 random bytes, positive (RFC 5280 asks for a positive serial of at most 20 bytes).</summary>
    private static byte[] SerialNumber()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }

    private static X500DistinguishedName Subject(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationName("Edge lab");
        return builder.Build();
    }

    private static string CheckedDnsName(string name)
    {
        if (Uri.CheckHostName(name) != UriHostNameType.Dns)
        {
            throw new ArgumentException("\"" + name + "\" is neither a DNS name nor an IP address", nameof(name));
        }

        return name;
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600, never readable by others even for a moment; an existing file keeps its mode, so set it too.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            writer.Write(text);
            writer.Write('\n');
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

}
