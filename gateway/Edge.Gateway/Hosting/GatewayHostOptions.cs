using System.Net;
using System.Security.Cryptography.X509Certificates;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Mqtt;

namespace Edge.Gateway.Hosting;

/// <summary>What the host needs beyond the logic's options: where the broker is, what to bind, how loud to log.</summary>
internal sealed class GatewayHostOptions
{
    public const int DefaultHttpPort = 8080;
    public const int DefaultMqttPort = 1883;
    public const string DefaultMqttBind = "127.0.0.1";

    /// <summary>--plain-mqtt: with TLS on, the plain listener stays on loopback unless told otherwise (secure by default).</summary>
    public const string PlainLoopback = "loopback";
    public const string PlainBind = "bind";
    public const string PlainOff = "off";

    public required BrokerEndpoint Broker { get; init; }

    /// <summary>Where the embedded broker's TLS listener binds (and, without TLS, its plain one).</summary>
    public string MqttBind { get; init; } = DefaultMqttBind;

    /// <summary>Where the embedded broker's plain listener binds when it differs from <see cref="MqttBind"/> (TLS on: loopback by default).</summary>
    public IPAddress? PlainMqttAddress { get; init; }

    /// <summary>--plain-mqtt off: the embedded broker has its TLS listener only.</summary>
    public bool PlainMqttOff { get; init; }

    /// <summary>The plain listener's address, or null when it is off.</summary>
    public IPAddress? PlainListener => PlainMqttOff ? null : PlainMqttAddress ?? IPAddress.Parse(MqttBind);

    /// <summary>--tls-cert/--tls-key: MQTT over TLS on <see cref="TlsPort"/> and HTTPS; null without TLS.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    public int TlsPort { get; init; } = BrokerEndpoint.DefaultTlsPort;

    /// <summary>What the startup log says about the embedded broker's listeners.</summary>
    public string DescribeListeners() =>
        (PlainListener is { } plain ? "plain mqtt://" + Endpoint(plain, Broker.Port) : "plain listener off")
        + (ServerCertificate is { } certificate
            ? ", TLS mqtts://" + Endpoint(IPAddress.Parse(MqttBind), TlsPort) + " (" + certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) + ", expires " + certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")"
            : ", no TLS");

    private static string Endpoint(IPAddress address, int port) =>
        (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString()) + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int HttpPort { get; init; } = DefaultHttpPort;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Simulated boards in-process, the chaos API and the demo's defaults (docs in README.md).</summary>
    public bool Demo { get; init; }

    /// <summary>
    /// Whether clients without credentials get into the embedded broker. Null (the default) lets them in only while
    /// the broker listens on loopback alone, so it is reachable from this machine only.
    /// </summary>
    public bool? AllowAnonymous { get; init; }

    public required GatewayOptions Gateway { get; init; }

    /// <summary>The HA mode (docs/ARCHITECTURE.md): a shared store and an election; both absent in the single mode.</summary>
    public HighAvailability HighAvailability { get; init; } = HighAvailability.Single;
}
