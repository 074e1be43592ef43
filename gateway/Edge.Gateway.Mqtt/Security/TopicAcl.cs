using Edge.Protocol;

namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// The topic ACL of docs/PROTOCOL.md (section 1.1), defined once: the embedded broker checks every PUBLISH and
/// SUBSCRIBE against it (<see cref="BrokerAuthorizer"/>) and <see cref="MosquittoFiles"/> writes it as Mosquitto's
/// acl_file. <c>%u</c> stands for the client's username, which is also its client id and, for a node, its node id.
/// </summary>
internal sealed class TopicAcl
{
    public TopicAcl(string site)
    {
        string node = Topics.Root + "/" + site + "/node/%u/";
        Rules =
        [
            // A node speaks only for itself, and only on the leaves a node publishes.
            new AclRule(Role.Node, AclAccess.Write, node + Topics.Birth),
            new AclRule(Role.Node, AclAccess.Write, node + Topics.State),
            new AclRule(Role.Node, AclAccess.Write, node + Topics.Telemetry),
            new AclRule(Role.Node, AclAccess.Write, node + Topics.Data),
            // What it needs to hear: its own acks, config and commands, flow owners and gateway states.
            new AclRule(Role.Node, AclAccess.Read, Topics.NodeInbox(site, "%u")),
            new AclRule(Role.Node, AclAccess.Read, Topics.AllFlowOwners(site)),
            new AclRule(Role.Node, AclAccess.Read, Topics.AllGatewayStates(site)),
            // Only the gateway publishes owners, config, commands, acks, its state, rollups and discovery.
            new AclRule(Role.Gateway, AclAccess.ReadWrite, "#"),
            new AclRule(Role.Dashboard, AclAccess.Read, Topics.Root + "/" + site + "/#"),
            new AclRule(Role.Dashboard, AclAccess.Read, "homeassistant/#"),
        ];
    }

    public IReadOnlyList<AclRule> Rules { get; }

    /// <summary>True when <paramref name="role"/> <paramref name="user"/> may publish on <paramref name="topic"/>.</summary>
    public bool MayPublish(Role role, string user, string topic) => Allows(role, user, AclAccess.Write, topic);

    /// <summary>True when every topic <paramref name="filter"/> can match is readable by <paramref name="user"/>.</summary>
    public bool MaySubscribe(Role role, string user, string filter) => Allows(role, user, AclAccess.Read, filter);

    private bool Allows(Role role, string user, AclAccess access, string topicOrFilter)
    {
        if (role == Role.LocalAnonymous)
        {
            return true;
        }

        foreach (AclRule rule in Rules)
        {
            if (rule.Role == role && (rule.Access & access) != 0 && Covers(rule.Pattern.Replace("%u", user, StringComparison.Ordinal), topicOrFilter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when every topic matched by <paramref name="filter"/> (a topic or a filter) is matched by
    /// <paramref name="pattern"/>: '#' covers the rest, '+' covers one level but not a '#', anything else must be equal.
    /// </summary>
    public static bool Covers(string pattern, string filter)
    {
        string[] p = pattern.Split('/');
        string[] f = filter.Split('/');
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] == "#")
            {
                // MQTT: wildcards at the first level never match topics starting with '$'.
                return i > 0 || f[0].Length == 0 || f[0][0] != '$';
            }

            if (i >= f.Length || f[i] == "#")
            {
                return false;
            }

            if (p[i] == "+" ? f[i].Length > 0 && f[i][0] == '$' && i == 0 : p[i] != f[i])
            {
                return false;
            }
        }

        return p.Length == f.Length;
    }
}
