using System.Net;
using Edge.Gateway.Hosting;
using Edge.Gateway.Mqtt;
using Edge.Security.Tests.Fixtures;

namespace Edge.Security.Tests.Tls;

/// <summary>The gateway's TLS options: secure defaults and one-line errors for what cannot work.</summary>
public sealed class TlsOptionsTests
{
    [Fact]
    public void With_tls_on_a_lan_bind_the_plain_listener_stays_on_loopback()
    {
        using var tls = new LabTls();

        GatewayHostOptions options = GatewayCommandLine.Parse(["--mqtt-bind", "0.0.0.0", "--tls-cert", tls.CertificateFile, "--tls-key", tls.KeyFile]);

        Assert.Equal(IPAddress.Loopback, options.PlainListener);
        Assert.Equal(BrokerEndpoint.DefaultTlsPort, options.TlsPort);
        Assert.NotNull(options.ServerCertificate);
        Assert.Contains("TLS mqtts://0.0.0.0:8883", options.DescribeListeners(), StringComparison.Ordinal);
        Assert.Contains("plain mqtt://127.0.0.1:1883", options.DescribeListeners(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_plain_listener_goes_on_the_lan_or_off_only_when_asked()
    {
        using var tls = new LabTls();
        string[] withTls = ["--mqtt-bind", "0.0.0.0", "--tls-cert", tls.CertificateFile, "--tls-key", tls.KeyFile];

        Assert.Equal(IPAddress.Any, GatewayCommandLine.Parse([.. withTls, "--plain-mqtt", "bind"]).PlainListener);
        GatewayHostOptions off = GatewayCommandLine.Parse([.. withTls, "--plain-mqtt", "off"]);
        Assert.Null(off.PlainListener);
        Assert.Contains("plain listener off", off.DescribeListeners(), StringComparison.Ordinal);

        // Without TLS nothing changes: the plain listener is where --mqtt-bind says.
        Assert.Equal(IPAddress.Any, GatewayCommandLine.Parse(["--mqtt-bind", "0.0.0.0"]).PlainListener);
    }

    [Theory]
    [InlineData("cert-only", "--tls-cert and --tls-key go together")]
    [InlineData("wrong-key", "cannot load the certificate and its key")]
    [InlineData("missing", "cannot load the certificate and its key")]
    [InlineData("plain-without-tls", "--plain-mqtt applies with --tls-cert")]
    [InlineData("same-port", "is also --mqtt-port")]
    [InlineData("demo-plain-off", "--demo runs its boards over the plain loopback listener")]
    [InlineData("ca-without-mqtts", "--tls-ca is the CA an external broker's certificate must chain to")]
    [InlineData("ca-not-pem", "--tls-ca")]
    [InlineData("bad-tls-port", "--tls-port")]
    [InlineData("bad-mqtt-port-with-tls", "--mqtt-port")]
    [InlineData("bad-plain-mqtt", "sometimes")]
    [InlineData("bad-broker-with-ca", "--broker")]
    public void A_tls_option_that_cannot_work_is_one_line_naming_it(string mistake, string expected)
    {
        using var tls = new LabTls();
        string[] args = mistake switch
        {
            "cert-only" => ["--tls-cert", tls.CertificateFile],
            "wrong-key" => ["--tls-cert", tls.CertificateFile, "--tls-key", tls.CaFile],
            "missing" => ["--tls-cert", tls.CertificateFile + ".gone", "--tls-key", tls.KeyFile],
            "plain-without-tls" => ["--plain-mqtt", "off"],
            "same-port" => ["--tls-cert", tls.CertificateFile, "--tls-key", tls.KeyFile, "--tls-port", "1883"],
            "demo-plain-off" => ["--demo", "--tls-cert", tls.CertificateFile, "--tls-key", tls.KeyFile, "--plain-mqtt", "off"],
            "ca-without-mqtts" => ["--broker", "mqtt://127.0.0.1:1883", "--tls-ca", tls.CaFile],
            "bad-tls-port" => ["--tls-cert", tls.CertificateFile, "--tls-key", tls.KeyFile, "--tls-port", "99999"],
            "bad-mqtt-port-with-tls" => ["--tls-cert", tls.CertificateFile, "--tls-key", tls.KeyFile, "--mqtt-port", "x"],
            "bad-plain-mqtt" => ["--tls-cert", tls.CertificateFile, "--tls-key", tls.KeyFile, "--plain-mqtt", "sometimes"],
            "bad-broker-with-ca" => ["--broker", "ftp://x", "--tls-ca", tls.CaFile],
            _ => ["--broker", "mqtts://127.0.0.1", "--tls-ca", tls.KeyFile],
        };

        ArgumentException error = Assert.Throws<ArgumentException>(() => GatewayCommandLine.Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_mqtts_broker_defaults_to_port_8883_and_carries_the_ca()
    {
        using var tls = new LabTls();

        BrokerEndpoint broker = GatewayCommandLine.Parse(["--broker", "mqtts://broker.lab", "--tls-ca", tls.CaFile]).Broker;

        Assert.True(broker.Tls);
        Assert.Equal(8883, broker.Port);
        Assert.Equal(tls.CaFile, broker.CaFile);
        Assert.Equal("mqtts://broker.lab:8883", broker.ToString());
    }
}
