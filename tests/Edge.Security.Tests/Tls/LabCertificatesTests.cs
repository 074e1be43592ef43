using System.Security.Cryptography.X509Certificates;
using Edge.Gateway.Hosting;
using Edge.Gateway.Mqtt.Tls;

namespace Edge.Security.Tests.Tls;

/// <summary>The BCL-made lab CA and server certificate: what TLS clients check, and files only their owner reads.</summary>
public sealed class LabCertificatesTests
{
    [Fact]
    public void The_lab_ca_may_sign_end_entities_only()
    {
        using X509Certificate2 ca = LabCertificates.CreateCa("Edge lab CA", DateTimeOffset.UtcNow);

        X509BasicConstraintsExtension constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);
        Assert.Equal(ca.Subject, ca.Issuer);
    }

    [Fact]
    public void A_server_certificate_chains_to_the_lab_ca_and_names_the_hosts_asked_for_and_this_machine()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = LabCertificates.CreateCa("Edge lab CA", now);
        using X509Certificate2 stranger = LabCertificates.CreateCa("Someone else", now);
        using X509Certificate2 server = LabCertificates.CreateServer(ca, ["gw.lab", "10.0.0.5"], now);

        X509SubjectAlternativeNameExtension san = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["gw.lab", "localhost"], san.EnumerateDnsNames().Order(StringComparer.Ordinal));
        Assert.Equal(["10.0.0.5", "127.0.0.1", "::1"], san.EnumerateIPAddresses().Select(a => a.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains(server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.True(server.HasPrivateKey);
        Assert.True(server.NotAfter <= ca.NotAfter);
        Assert.True(Chains(server, ca), "the server certificate chains to the lab CA");
        Assert.False(Chains(server, stranger), "and to no other CA");
    }

    [Fact]
    public void A_host_that_is_neither_a_dns_name_nor_an_address_is_refused()
    {
        using X509Certificate2 ca = LabCertificates.CreateCa("Edge lab CA", DateTimeOffset.UtcNow);

        Assert.Throws<ArgumentException>(() => LabCertificates.CreateServer(ca, ["gw lab"], DateTimeOffset.UtcNow));
    }

    [Fact]
    public void The_certs_command_writes_pem_files_that_load_and_keys_only_their_owner_reads()
    {
        using var dir = new TempDirectory();
        var commandLine = new GatewayCommandLine();

        Assert.Equal(0, commandLine.Root.Parse(["certs", "ca", "--out", dir.Path]).Invoke());
        Assert.Equal(0, commandLine.Root.Parse(["certs", "server", "--dir", dir.Path, "--host", "gw.lab"]).Invoke());
        Assert.Equal(0, commandLine.Root.Parse(["certs", "node", "pi-01", "--dir", dir.Path]).Invoke());
        // A second CA over the first would orphan every certificate it signed.
        Assert.Equal(1, commandLine.Root.Parse(["certs", "ca", "--out", dir.Path]).Invoke());

        using X509Certificate2 ca = LabCertificates.Load(dir.File("ca.crt"), dir.File("ca.key"));
        using X509Certificate2 server = LabCertificates.Load(dir.File("server.crt"), dir.File("server.key"));
        using X509Certificate2 node = LabCertificates.Load(dir.File("pi-01.crt"), dir.File("pi-01.key"));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(dir.File("server.crt")), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(dir.File("server.key")), StringComparison.Ordinal);
        Assert.True(Chains(server, ca));
        Assert.True(Chains(node, ca));
        Assert.Equal("pi-01", node.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        if (!OperatingSystem.IsWindows())
        {
            foreach (string key in new[] { "ca.key", "server.key", "pi-01.key" })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File(key)));
            }
        }
    }

    private static bool Chains(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
