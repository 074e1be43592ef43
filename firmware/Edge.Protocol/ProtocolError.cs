namespace Edge.Protocol
{
    /// <summary>
    /// Why a payload was refused. Decoders return one of these instead of throwing, so a bad message from one
    /// node can never take down the receiver, and the gateway can count rejections by reason.
    /// </summary>
    public enum ProtocolError
    {
        None = 0,
        Truncated = 1,
        Oversized = 2,
        UnsupportedVersion = 3,
        WrongKind = 4,
        CountOutOfRange = 5,
        LengthMismatch = 6,
        ChecksumMismatch = 7,
        NotFinite = 8,
        NegativeValue = 9,
        InvalidUtf8 = 10,
        InvalidJson = 11,
        MissingField = 12,
        OutOfRange = 13,
        UnknownTopic = 14,
    }
}
