namespace Edge.Protocol
{
    /// <summary>
    /// A set of flow ids written as text, the way the gateway's --flows takes them: comma-separated ids and ranges,
    /// "0-3,9". JSON messages are flat, so a node's birth names the flows it can source in this form; read in place,
    /// without allocating, on both ends.
    /// </summary>
    public static class FlowSet
    {
        public const int MaxFlow = 0xFFFF;

        /// <summary>True for a well-formed set: items "a" or "a-b" with 0 &lt;= a &lt;= b &lt;= 65535, no empty item.</summary>
        public static bool IsValid(string spec)
        {
            if (spec == null || spec.Length == 0)
            {
                return false;
            }

            int pos = 0;
            while (pos <= spec.Length)
            {
                int from;
                int to;
                if (!ReadItem(spec, ref pos, out from, out to))
                {
                    return false;
                }

                if (pos == spec.Length)
                {
                    return true;
                }

                pos++;
            }

            return false;
        }

        /// <summary>True when the well-formed set contains the flow (false for a malformed set).</summary>
        public static bool Contains(string spec, int flow)
        {
            if (spec == null)
            {
                return false;
            }

            int pos = 0;
            while (pos < spec.Length)
            {
                int from;
                int to;
                if (!ReadItem(spec, ref pos, out from, out to))
                {
                    return false;
                }

                if (flow >= from && flow <= to)
                {
                    return true;
                }

                pos++;
            }

            return false;
        }

        private static bool ReadItem(string spec, ref int pos, out int from, out int to)
        {
            to = 0;
            if (!ReadNumber(spec, ref pos, out from))
            {
                return false;
            }

            to = from;
            if (pos < spec.Length && spec[pos] == '-')
            {
                pos++;
                if (!ReadNumber(spec, ref pos, out to) || to < from)
                {
                    return false;
                }
            }

            return pos == spec.Length || spec[pos] == ',';
        }

        private static bool ReadNumber(string spec, ref int pos, out int value)
        {
            value = 0;
            int start = pos;
            while (pos < spec.Length && spec[pos] >= '0' && spec[pos] <= '9')
            {
                value = (value * 10) + (spec[pos] - '0');
                if (value > MaxFlow)
                {
                    return false;
                }

                pos++;
            }

            return pos > start;
        }
    }
}
