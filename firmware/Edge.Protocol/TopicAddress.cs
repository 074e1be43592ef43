namespace Edge.Protocol
{
    /// <summary>A parsed edge/v1 topic: which site, which node / flow / gateway, and which leaf.</summary>
    public sealed class TopicAddress
    {
        public const int KindNode = 1;
        public const int KindFlow = 2;
        public const int KindGateway = 3;
        public const int KindRollup = 4;

        // An explicit array binds to Split(params char[]), the overload nanoFramework has.
        private static readonly char[] Separator = new char[] { '/' };

        public int Kind;
        public string Site;
        public string Id;
        public int Flow;
        public string Leaf;

        /// <summary>Parses topic; false (and <see cref="ProtocolError.UnknownTopic"/> to callers) for anything off the tree.</summary>
        public bool TryParse(string topic)
        {
            Kind = 0;
            Site = null;
            Id = null;
            Flow = -1;
            Leaf = null;
            if (topic == null || !topic.StartsWith(Topics.Root + "/"))
            {
                return false;
            }

            string[] parts = topic.Split(Separator);
            if (parts.Length == 7 && parts[3] == "rollup" && parts[5] == "flow")
            {
                return ParseRollup(parts, parts[6]);
            }

            if (parts.Length != 6 || !Fields.IsValidId(parts[2]) || !Fields.IsValidId(parts[4]))
            {
                return false;
            }

            if (parts[3] == "rollup")
            {
                return parts[5] == "fleet" && ParseRollup(parts, null);
            }

            Site = parts[2];
            Id = parts[4];
            Leaf = parts[5];
            if (parts[3] == "node")
            {
                Kind = KindNode;
                return true;
            }

            if (parts[3] == "gateway")
            {
                Kind = KindGateway;
                return true;
            }

            if (parts[3] == "flow")
            {
                int flow;
                if (!int.TryParse(Id, out flow) || flow < 0 || flow > 0xFFFF)
                {
                    return false;
                }

                Flow = flow;
                Kind = KindFlow;
                return true;
            }

            return false;
        }

        private bool ParseRollup(string[] parts, string flow)
        {
            int id = -1;
            if (!Fields.IsValidId(parts[2]) || !Fields.IsValidId(parts[4]) || (flow != null && (!int.TryParse(flow, out id) || id < 0 || id > 0xFFFF)))
            {
                return false;
            }

            Kind = KindRollup;
            Site = parts[2];
            Id = parts[4];
            Flow = id;
            Leaf = flow == null ? "fleet" : "flow";
            return true;
        }
    }
}
