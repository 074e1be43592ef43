namespace Edge.Protocol
{
    /// <summary>A flat JSON message: reusable, written member by member, read all-or-nothing.</summary>
    public interface IJsonMessage
    {
        void Clear();

        void Write(JsonWriter writer);

        /// <summary>Reads members from a parsed object; returns the first error without throwing.</summary>
        ProtocolError Read(JsonReader reader);
    }
}
