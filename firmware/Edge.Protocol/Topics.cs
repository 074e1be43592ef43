namespace Edge.Protocol
{
    /// <summary>The edge/v1 topic tree of docs/PROTOCOL.md. Building topics allocates; nodes build theirs once.</summary>
    public static class Topics
    {
        public const string Root = "edge/v1";

        /// <summary>The site every part uses when none is configured: gateway, boards, simulator and demo meet here.</summary>
        public const string DefaultSite = "lab";
        public const string Birth = "birth";
        public const string State = "state";
        public const string Telemetry = "telemetry";
        public const string Data = "data";
        public const string Ack = "ack";
        public const string Config = "config";
        public const string Command = "cmd";
        public const string Owner = "owner";

        public static string Node(string site, string node, string leaf)
        {
            return Root + "/" + site + "/node/" + node + "/" + leaf;
        }

        public static string FlowOwner(string site, int flow)
        {
            return Root + "/" + site + "/flow/" + flow.ToString() + "/owner";
        }

        public static string GatewayState(string site, string gateway)
        {
            return Root + "/" + site + "/gateway/" + gateway + "/state";
        }

        /// <summary>Fleet rollup when flow is negative, else the flow's rollup.</summary>
        public static string Rollup(string site, string window, int flow)
        {
            string prefix = Root + "/" + site + "/rollup/" + window;
            return flow < 0 ? prefix + "/fleet" : prefix + "/flow/" + flow.ToString();
        }

        /// <summary>What a node subscribes to: its own config, commands and acks, every flow owner and gateway state.</summary>
        public static string NodeInbox(string site, string node)
        {
            return Root + "/" + site + "/node/" + node + "/+";
        }

        public static string AllFlowOwners(string site)
        {
            return Root + "/" + site + "/flow/+/owner";
        }

        public static string AllGatewayStates(string site)
        {
            return Root + "/" + site + "/gateway/+/state";
        }
    }
}
