namespace Edge.Gateway.Mqtt;

/// <summary>Where the gateway's clients connect: the embedded broker on loopback, or an external one (mqtt:// or mqtts://).</summary>
internal sealed record BrokerEndpoint(string Host, int Port, bool Embedded)
{
    public const int DefaultPlainPort = 1883;
    public const int DefaultTlsPort = 8883;

    /// <summary>The gateway's own password (Security/GatewaySecret.cs); its clients log in as {gateway}-in, {gateway}-hb and {gateway}-out.</summary>
    public string? GatewayPassword { get; init; }

    /// <summary>mqtts://: the gateway's clients speak TLS and check the broker's certificate (Tls/ClientTlsExtensions.cs).</summary>
    public bool Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: the CA file (PEM) the broker's certificate must chain to; null trusts the system's CAs.</summary>
    public string? CaFile { get; init; }

    /// <summary>Parses mqtt://host:port (port defaults to 1883) or mqtts://host:port (8883).</summary>
    public static BrokerEndpoint External(string uri)
    {
        var parsed = new Uri(uri.Contains("://", StringComparison.Ordinal) ? uri : "mqtt://" + uri);
        bool tls = parsed.Scheme == "mqtts";
        if (parsed.Scheme != "mqtt" && !tls)
        {
            throw new FormatException($"broker must be mqtt://host:port or mqtts://host:port, got {uri}");
        }

        int port = parsed.IsDefaultPort || parsed.Port < 0 ? (tls ? DefaultTlsPort : DefaultPlainPort) : parsed.Port;
        return new BrokerEndpoint(parsed.Host, port, false) { Tls = tls };
    }

    public override string ToString() => (Tls ? "mqtts" : "mqtt") + $"://{Host}:{Port}" + (Embedded ? " (embedded)" : "");
}
