namespace Edge.Protocol
{
    /// <summary>
    /// One member of a flat JSON message: its name on the wire, its kind and range, and whether it may be absent
    /// (then it takes its fallback). A message declares each member once, as one of these; writing, reading and
    /// clearing all walk the same table (<see cref="JsonMessage"/>).
    /// </summary>
    public sealed class JsonField
    {
        // Plain fields, not auto-properties: nanoFramework's mscorlib lacks the attributes those compile to.
        private readonly int _slot;
        private readonly string _name;
        private readonly JsonKind _kind;
        private readonly long _min;
        private readonly long _max;
        private bool _optional;
        private bool _sparse;
        private bool _tolerant;
        private long _fallback;
        private double _realFallback;
        private string _textFallback;

        internal JsonField(int slot, string name, JsonKind kind, long min, long max)
        {
            _slot = slot;
            _name = name;
            _kind = kind;
            _min = min;
            _max = max;
        }

        /// <summary>Position in the message's table: where its value is kept.</summary>
        public int Slot
        {
            get { return _slot; }
        }

        public string Name
        {
            get { return _name; }
        }

        public JsonKind Kind
        {
            get { return _kind; }
        }

        public long Min
        {
            get { return _min; }
        }

        public long Max
        {
            get { return _max; }
        }

        public bool Optional
        {
            get { return _optional; }
        }

        /// <summary>Written only when it differs from its fallback: a member added later, so older readers see the bytes they know.</summary>
        public bool IsSparse
        {
            get { return _sparse; }
        }

        /// <summary>
        /// A bad value costs only this member, not the message: it reads as absent and the message keeps the error
        /// (<see cref="JsonMessage"/>'s MemberError). For optional reports added later, whose loss must not cost the
        /// heartbeat they ride on.
        /// </summary>
        public bool IsTolerant
        {
            get { return _tolerant; }
        }

        /// <summary>The value of a cleared message, and of an absent optional member (flags: 1 is true).</summary>
        public long Fallback
        {
            get { return _fallback; }
        }

        public double RealFallback
        {
            get { return _realFallback; }
        }

        public string TextFallback
        {
            get { return _textFallback; }
        }

        /// <summary>Makes the member optional: absent, it reads as <paramref name="fallback"/>.</summary>
        public JsonField Or(long fallback)
        {
            _optional = true;
            _fallback = fallback;
            return this;
        }

        public JsonField Or(double fallback)
        {
            _optional = true;
            _realFallback = fallback;
            return this;
        }

        public JsonField Or(string fallback)
        {
            _optional = true;
            _textFallback = fallback;
            return this;
        }

        public JsonField Or(bool fallback)
        {
            _optional = true;
            _fallback = fallback ? 1 : 0;
            return this;
        }

        /// <summary>Leaves the member out of the JSON while it holds its fallback (see <see cref="IsSparse"/>).</summary>
        public JsonField Sparse()
        {
            _sparse = true;
            return this;
        }

        /// <summary>Makes the member tolerant (see <see cref="IsTolerant"/>); only an optional member can be.</summary>
        public JsonField Tolerant()
        {
            _tolerant = true;
            return this;
        }

        /// <summary>A required member's value while the message is cleared (a rollup's flow is -1, the fleet, until read).</summary>
        public JsonField Cleared(long value)
        {
            _fallback = value;
            return this;
        }
    }
}
