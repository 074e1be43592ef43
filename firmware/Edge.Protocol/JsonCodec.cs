namespace Edge.Protocol
{
    /// <summary>Encodes and decodes any <see cref="IJsonMessage"/>; a failed decode leaves the message cleared.</summary>
    public static class JsonCodec
    {
        public static int Encode(IJsonMessage message, JsonWriter writer)
        {
            writer.BeginObject();
            message.Write(writer);
            writer.EndObject();
            return writer.Length;
        }

        public static ProtocolError Decode(IJsonMessage message, JsonReader reader, byte[] src, int offset, int length)
        {
            message.Clear();
            ProtocolError error = reader.Parse(src, offset, length);
            if (error == ProtocolError.None)
            {
                error = message.Read(reader);
            }

            if (error != ProtocolError.None)
            {
                message.Clear();
            }

            return error;
        }
    }
}
