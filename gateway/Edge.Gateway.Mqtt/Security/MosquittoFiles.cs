using System.Globalization;
using System.Text;

namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// The same identities and ACL for a Mosquitto broker: its password_file (the credentials' $7$ hashes as they
/// are), its acl_file (<see cref="TopicAcl"/>'s rules: per-user lines for the gateway and dashboards, %u patterns
/// for nodes) and a mosquitto.conf that turns both on, refuses anonymous clients, makes each client id its
/// username (Mosquitto's use_username_as_clientid, so nobody takes another's id), bounds the packet size, the QoS and
/// each client's queue. Mosquitto has no per-client publish rate limit nor a retain-only-here rule: see docs/SECURITY.md.
/// </summary>
internal static class MosquittoFiles
{
    public const string PasswordFile = "edge.passwd";
    public const string AclFile = "edge.acl";
    public const string ConfFile = "mosquitto.conf";

    /// <summary>Mosquitto's max_packet_size: the same bound as the embedded broker's (<see cref="PacketLimit"/>).</summary>
    public const int MaxPacketBytes = PacketLimit.MaxPacketBytes;

    /// <summary>What Mosquitto queues for one client beyond its in-flight messages: a thousand full packets.</summary>
    public const int MaxQueuedBytes = 1000 * MaxPacketBytes;

    /// <summary>
    /// Writes the three files into <paramref name="directory"/>; returns the conf's path. With <paramref name="tls"/>
    /// the listener on <paramref name="bind"/> is TLS on its port, and the plain <paramref name="port"/> stays on
    /// 127.0.0.1 only, as the embedded broker does (passwords never cross the network in clear text).
    /// </summary>
    public static string Write(string directory, NodeCredentials credentials, TopicAcl acl, string bind, int port, MosquittoTls? tls = null)
    {
        Directory.CreateDirectory(directory);
        string passwd = Path.Combine(Path.GetFullPath(directory), PasswordFile);
        string aclPath = Path.Combine(Path.GetFullPath(directory), AclFile);
        File.WriteAllLines(passwd, credentials.Entries.Select(e => e.User + ":" + e.Hash));
        NodeCredentials.OwnerOnly(passwd);
        File.WriteAllText(aclPath, AclText(credentials, acl));
        string conf = Path.Combine(Path.GetFullPath(directory), ConfFile);
        File.WriteAllText(conf, string.Join('\n',
            "# Written by edge-gateway (gateway/Edge.Gateway.Mqtt/Security/MosquittoFiles.cs); regenerate, do not edit.",
            "per_listener_settings false",
            "listener " + port.ToString(CultureInfo.InvariantCulture) + " " + (tls is null ? bind : "127.0.0.1"),
            tls is null ? "" : string.Join('\n',
                "listener " + tls.Port.ToString(CultureInfo.InvariantCulture) + " " + bind,
                "cafile " + Path.GetFullPath(tls.CaFile),
                "certfile " + Path.GetFullPath(tls.CertificateFile),
                "keyfile " + Path.GetFullPath(tls.KeyFile),
                "tls_version tlsv1.2"),
            "# The protocol uses QoS 0 and 1 only: a QoS 2 publish (and the handshake state it makes the broker keep) disconnects its sender.",
            "max_qos 1",
            "allow_anonymous false",
            "password_file " + passwd,
            "acl_file " + aclPath,
            "use_username_as_clientid true",
            "max_packet_size " + MaxPacketBytes.ToString(CultureInfo.InvariantCulture),
            "persistence false",
            "# Bounded per client: a subscriber that stops reading loses QoS 1 messages beyond these instead of growing the broker.",
            "max_queued_messages 1000",
            "max_queued_bytes " + MaxQueuedBytes.ToString(CultureInfo.InvariantCulture),
            "# A retained birth or state of a node since removed (nodes remove) is not delivered any more.",
            "check_retain_source true",
            "") );
        return conf;
    }

    /// <summary>The acl_file text: Mosquitto applies 'user' blocks to that user and 'pattern' lines to everyone.</summary>
    public static string AclText(NodeCredentials credentials, TopicAcl acl)
    {
        var text = new StringBuilder("# Edge topic ACL (docs/PROTOCOL.md section 1.1), written from TopicAcl.cs\n");
        foreach (var (user, role, _) in credentials.Entries.Where(e => e.Role != Role.Node))
        {
            text.Append("\nuser ").Append(user).Append('\n');
            foreach (AclRule rule in acl.Rules.Where(r => r.Role == role))
            {
                text.Append("topic ").Append(Access(rule.Access)).Append(' ').Append(rule.Pattern).Append('\n');
            }
        }

        // Patterns hold for every user; usernames are one namespace, so no dashboard or gateway is also a node.
        text.Append('\n');
        foreach (AclRule rule in acl.Rules.Where(r => r.Role == Role.Node))
        {
            text.Append("pattern ").Append(Access(rule.Access)).Append(' ').Append(rule.Pattern).Append('\n');
        }

        return text.ToString();
    }

    private static string Access(AclAccess access) => access switch
    {
        AclAccess.Read => "read",
        AclAccess.Write => "write",
        _ => "readwrite",
    };
}
