namespace Edge.Protocol
{
    /// <summary>The checks every message applies to its members, so each rule is written once.</summary>
    public static class Fields
    {
        public const int MaxIdLength = 64;

        /// <summary>Ids appear as topic levels: 1..64 of [A-Za-z0-9_.-], never a wildcard or separator.</summary>
        public static bool IsValidId(string id)
        {
            if (id == null || id.Length < 1 || id.Length > MaxIdLength)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        public static ProtocolError Id(JsonReader r, string name, out string value)
        {
            ProtocolError e = r.GetString(name, out value);
            if (e == ProtocolError.None && !IsValidId(value))
            {
                value = null;
                return ProtocolError.OutOfRange;
            }

            return e;
        }

        /// <summary>A required integer in [0, max]; a negative one is <see cref="ProtocolError.NegativeValue"/>.</summary>
        public static ProtocolError Count(JsonReader r, string name, long max, out long value)
        {
            ProtocolError e = r.GetLong(name, out value);
            if (e != ProtocolError.None)
            {
                return e;
            }

            if (value < 0)
            {
                return ProtocolError.NegativeValue;
            }

            return value > max ? ProtocolError.OutOfRange : ProtocolError.None;
        }

        public static ProtocolError Amount(JsonReader r, string name, out double value)
        {
            ProtocolError e = r.GetDouble(name, out value);
            if (e == ProtocolError.None && value < 0)
            {
                return ProtocolError.NegativeValue;
            }

            return e;
        }
    }
}
