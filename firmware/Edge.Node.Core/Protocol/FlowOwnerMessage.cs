namespace Edge.Node.Core.Protocol
{
    /// <summary>
    /// The assignment of one flow, retained on flow/{flow}/owner by the gateway. Epoch grows with every
    /// reassignment so a node ignores an older one; the new owner starts at ResumeFrom, the flow's committed
    /// sequence. An empty Node means the flow is unassigned.
    /// </summary>
    public sealed class FlowOwnerMessage : IJsonMessage
    {
        public int Flow;
        public string Node;
        public long Epoch;
        public long ResumeFrom;
        public double Weight;

        public void Clear()
        {
            Flow = 0;
            Node = null;
            Epoch = 0;
            ResumeFrom = 0;
            Weight = 0;
        }

        public void Write(JsonWriter w)
        {
            w.WriteNumber("flow", (long)Flow);
            w.WriteString("node", Node);
            w.WriteNumber("epoch", Epoch);
            w.WriteNumber("resumeFrom", ResumeFrom);
            w.WriteNumber("weight", Weight);
        }

        public ProtocolError Read(JsonReader r)
        {
            ProtocolError e;
            long flow;
            if ((e = Fields.Count(r, "flow", 0xFFFF, out flow)) != ProtocolError.None) return e;
            Flow = (int)flow;
            if ((e = r.GetString("node", out Node)) != ProtocolError.None) return e;
            if (Node.Length > 0 && !Fields.IsValidId(Node)) return ProtocolError.OutOfRange;
            if ((e = Fields.Count(r, "epoch", long.MaxValue, out Epoch)) != ProtocolError.None) return e;
            if ((e = Fields.Count(r, "resumeFrom", ProtocolLimits.MaxUInt32, out ResumeFrom)) != ProtocolError.None) return e;
            return Fields.OptionalAmount(r, "weight", 1.0, out Weight);
        }
    }
}
