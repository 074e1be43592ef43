namespace Edge.Gateway.Mqtt;

/// <summary>Where the gateway's clients connect: the embedded broker on loopback, or an external one.</summary>
internal sealed record BrokerEndpoint(string Host, int Port, bool Embedded)
{
    /// <summary>The gateway's own password (Security/GatewaySecret.cs); its clients log in as {gateway}-in and {gateway}-out.</summary>
    public string? GatewayPassword { get; init; }

    /// <summary>Parses mqtt://host:port (port defaults to 1883).</summary>
    public static BrokerEndpoint External(string uri)
    {
        var parsed = new Uri(uri.Contains("://", StringComparison.Ordinal) ? uri : "mqtt://" + uri);
        if (parsed.Scheme != "mqtt")
        {
            throw new FormatException($"broker must be mqtt://host:port, got {uri}");
        }

        return new BrokerEndpoint(parsed.Host, parsed.IsDefaultPort || parsed.Port < 0 ? 1883 : parsed.Port, false);
    }

    public override string ToString() => $"mqtt://{Host}:{Port}" + (Embedded ? " (embedded)" : "");
}
