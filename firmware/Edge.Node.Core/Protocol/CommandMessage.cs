namespace Edge.Node.Core.Protocol
{
    /// <summary>
    /// Gateway or operator to node on node/{id}/cmd (QoS 1, not retained, so a command is never replayed to a
    /// node that reconnects later). "resend" needs flow and from; "rebirth" and "reboot" take nothing.
    /// </summary>
    public sealed class CommandMessage : IJsonMessage
    {
        public const string Resend = "resend";
        public const string Rebirth = "rebirth";
        public const string Reboot = "reboot";

        public string Command;
        public long Id;
        public int Flow;
        public long From;

        public void Clear()
        {
            Command = null;
            Id = 0;
            Flow = 0;
            From = 0;
        }

        public void Write(JsonWriter w)
        {
            w.WriteString("cmd", Command);
            w.WriteNumber("id", Id);
            if (Command == Resend)
            {
                w.WriteNumber("flow", (long)Flow);
                w.WriteNumber("from", From);
            }
        }

        public ProtocolError Read(JsonReader r)
        {
            ProtocolError e;
            if ((e = r.GetString("cmd", out Command)) != ProtocolError.None) return e;
            if ((e = Fields.OptionalCount(r, "id", long.MaxValue, 0, out Id)) != ProtocolError.None) return e;
            if (Command == Rebirth || Command == Reboot) return ProtocolError.None;
            if (Command != Resend) return ProtocolError.OutOfRange;
            long flow;
            if ((e = Fields.Count(r, "flow", 0xFFFF, out flow)) != ProtocolError.None) return e;
            Flow = (int)flow;
            return Fields.Count(r, "from", ProtocolLimits.MaxUInt32, out From);
        }
    }
}
