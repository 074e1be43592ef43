namespace Edge.Protocol
{
    /// <summary>
    /// Stable snake_case names for <see cref="ProtocolError"/>: metric labels and log lines use these, and
    /// nanoFramework's Enum.ToString returns only the number.
    /// </summary>
    public static class ProtocolErrors
    {
        public static string Name(ProtocolError error)
        {
            switch (error)
            {
                case ProtocolError.None: return "none";
                case ProtocolError.Truncated: return "truncated";
                case ProtocolError.Oversized: return "oversized";
                case ProtocolError.UnsupportedVersion: return "unsupported_version";
                case ProtocolError.WrongKind: return "wrong_kind";
                case ProtocolError.CountOutOfRange: return "count_out_of_range";
                case ProtocolError.LengthMismatch: return "length_mismatch";
                case ProtocolError.ChecksumMismatch: return "checksum_mismatch";
                case ProtocolError.NotFinite: return "not_finite";
                case ProtocolError.NegativeValue: return "negative_value";
                case ProtocolError.InvalidUtf8: return "invalid_utf8";
                case ProtocolError.InvalidJson: return "invalid_json";
                case ProtocolError.MissingField: return "missing_field";
                case ProtocolError.OutOfRange: return "out_of_range";
                case ProtocolError.UnknownTopic: return "unknown_topic";
                default: return "unknown";
            }
        }
    }
}
