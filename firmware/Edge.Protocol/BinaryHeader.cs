namespace Edge.Protocol
{
    /// <summary>The checks every binary payload starts with: size limits, then version and kind bytes.</summary>
    public static class BinaryHeader
    {
        /// <summary>None when src[offset..] is a v1 payload of <paramref name="kind"/> at least <paramref name="minLength"/> long.</summary>
        public static ProtocolError Check(byte[] src, int offset, int length, byte kind, int minLength)
        {
            if (length > ProtocolLimits.MaxPayloadBytes)
            {
                return ProtocolError.Oversized;
            }

            if (length < 2)
            {
                return ProtocolError.Truncated;
            }

            if (src[offset] != ProtocolLimits.Version)
            {
                return ProtocolError.UnsupportedVersion;
            }

            if (src[offset + 1] != kind)
            {
                return ProtocolError.WrongKind;
            }

            return length < minLength ? ProtocolError.Truncated : ProtocolError.None;
        }
    }
}
