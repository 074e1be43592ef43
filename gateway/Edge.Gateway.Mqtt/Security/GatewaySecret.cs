namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// The gateway's own password: random, made at first start and kept next to the database (owner-only), so the
/// gateway can log in to an external broker whose password_file it wrote. Its clients are {gateway}-in (data),
/// {gateway}-hb (heartbeats) and {gateway}-out, all with this password and the gateway role.
/// </summary>
internal static class GatewaySecret
{
    public static string PathFor(string databasePath) => Path.ChangeExtension(Path.GetFullPath(databasePath), ".gateway-secret");

    public static string LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            string existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 16)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string secret = PasswordHash.NewPassword();
        File.WriteAllText(path, secret + Environment.NewLine);
        NodeCredentials.OwnerOnly(path);
        return secret;
    }

    /// <summary>The inbox's data client: births, states, data, gateway states and owners.</summary>
    public static string DataClient(string gatewayId) => gatewayId + "-in";

    /// <summary>The inbox's heartbeat client: telemetry only, so it never waits behind data.</summary>
    public static string BeatsClient(string gatewayId) => gatewayId + "-hb";

    /// <summary>The outbox: acks, owners, commands, the gateway's state.</summary>
    public static string OutClient(string gatewayId) => gatewayId + "-out";

    /// <summary>The client ids (= usernames) the gateway's inbox (two clients) and outbox connect with.</summary>
    public static IReadOnlyList<string> ClientIds(string gatewayId) => [DataClient(gatewayId), BeatsClient(gatewayId), OutClient(gatewayId)];

    /// <summary>Adds the gateway's clients to <paramref name="credentials"/> (in memory: they are not written to the credentials file).</summary>
    public static void Register(NodeCredentials credentials, string gatewayId, string secret)
    {
        foreach (string id in ClientIds(gatewayId))
        {
            credentials.Add(id, Role.Gateway, secret);
        }
    }
}
