namespace Edge.Protocol
{
    /// <summary>
    /// A message's member table, built once per message type by its static fields in declaration order, which
    /// is also the order members are written and checked in.
    /// </summary>
    public sealed class JsonFields
    {
        private readonly JsonField[] _fields = new JsonField[ProtocolLimits.MaxJsonMembers];
        private int _count;

        public int Length
        {
            get { return _count; }
        }

        public JsonField At(int slot)
        {
            return _fields[slot];
        }

        public JsonField Text(string name)
        {
            return Add(name, JsonKind.Text, 0, 0);
        }

        public JsonField Id(string name)
        {
            return Add(name, JsonKind.Id, 0, 0);
        }

        public JsonField IdOrEmpty(string name)
        {
            return Add(name, JsonKind.IdOrEmpty, 0, 0);
        }

        public JsonField Count(string name, long max)
        {
            return Add(name, JsonKind.Count, 0, max);
        }

        public JsonField Integer(string name, long min, long max)
        {
            return Add(name, JsonKind.Integer, min, max);
        }

        public JsonField Amount(string name)
        {
            return Add(name, JsonKind.Amount, 0, 0);
        }

        public JsonField Real(string name)
        {
            return Add(name, JsonKind.Real, 0, 0);
        }

        public JsonField Bytes(string name, long maxBytes)
        {
            return Add(name, JsonKind.Bytes, 0, maxBytes);
        }

        public JsonField Flag(string name)
        {
            return Add(name, JsonKind.Flag, 0, 1);
        }

        private JsonField Add(string name, JsonKind kind, long min, long max)
        {
            JsonField field = new JsonField(_count, name, kind, min, max);
            _fields[_count] = field;
            _count++;
            return field;
        }
    }
}
