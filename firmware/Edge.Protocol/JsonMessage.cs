namespace Edge.Protocol
{
    /// <summary>
    /// A flat JSON message described by its member table: values live in slots, and Clear, Write and Read walk
    /// the table, so a member's name, kind, range and fallback are stated once. A message adds only what the
    /// table cannot say (a rule across members, a member that only some commands carry). Reusable: no
    /// allocation after construction but the strings a read decodes.
    /// </summary>
    public abstract class JsonMessage : IJsonMessage
    {
        private readonly JsonFields _fields;
        private readonly long[] _integers;
        private readonly double[] _reals;
        private readonly string[] _texts;
        private readonly bool[] _present;
        private readonly byte[][] _bytes;
        private readonly int[] _byteLengths;
        private readonly ProtocolError[] _memberErrors;

        protected JsonMessage(JsonFields fields)
        {
            _fields = fields;
            _integers = new long[fields.Length];
            _reals = new double[fields.Length];
            _texts = new string[fields.Length];
            _present = new bool[fields.Length];
            _bytes = new byte[fields.Length][];
            _byteLengths = new int[fields.Length];
            _memberErrors = new ProtocolError[fields.Length];
            for (int i = 0; i < fields.Length; i++)
            {
                JsonField f = fields.At(i);
                if (f.Kind == JsonKind.Bytes)
                {
                    // Sized once: a message never allocates for what it reads.
                    _bytes[i] = new byte[(int)f.Max];
                }
            }

            Clear();
        }

        public void Clear()
        {
            for (int i = 0; i < _fields.Length; i++)
            {
                JsonField f = _fields.At(i);
                _integers[i] = f.Fallback;
                _reals[i] = f.RealFallback;
                _texts[i] = f.TextFallback;
                _present[i] = false;
                _byteLengths[i] = 0;
                _memberErrors[i] = ProtocolError.None;
            }
        }

        public void Write(JsonWriter writer)
        {
            for (int i = 0; i < _fields.Length; i++)
            {
                JsonField f = _fields.At(i);
                if (!Carries(f) || (f.IsSparse && AtFallback(f)))
                {
                    continue;
                }

                switch (f.Kind)
                {
                    case JsonKind.Count:
                    case JsonKind.Integer:
                        writer.WriteNumber(f.Name, _integers[i]);
                        break;
                    case JsonKind.Amount:
                    case JsonKind.Real:
                        writer.WriteNumber(f.Name, _reals[i]);
                        break;
                    case JsonKind.Flag:
                        writer.WriteBool(f.Name, _integers[i] != 0);
                        break;
                    case JsonKind.Bytes:
                        writer.WriteBase64(f.Name, _bytes[i], _byteLengths[i]);
                        break;
                    default:
                        writer.WriteString(f.Name, _texts[i]);
                        break;
                }
            }
        }

        public ProtocolError Read(JsonReader reader)
        {
            for (int i = 0; i < _fields.Length; i++)
            {
                JsonField f = _fields.At(i);
                if (!Carries(f))
                {
                    continue;
                }

                if (!reader.Has(f.Name) && f.Optional)
                {
                    continue;
                }

                ProtocolError e = ReadMember(reader, f);
                if (e != ProtocolError.None && f.IsTolerant && f.Optional)
                {
                    RejectMember(f, e);
                    continue;
                }

                if (e != ProtocolError.None)
                {
                    return e;
                }

                _present[i] = true;
            }

            return Validate();
        }

        private bool AtFallback(JsonField f)
        {
            int i = f.Slot;
            switch (f.Kind)
            {
                case JsonKind.Amount:
                case JsonKind.Real:
                    return _reals[i] == f.RealFallback;
                case JsonKind.Count:
                case JsonKind.Integer:
                case JsonKind.Flag:
                    return _integers[i] == f.Fallback;
                case JsonKind.Bytes:
                    return _byteLengths[i] == 0;
                default:
                    return _texts[i] == null || _texts[i] == f.TextFallback;
            }
        }

        /// <summary>False for a member this message, as it stands, neither writes nor reads.</summary>
        protected virtual bool Carries(JsonField field)
        {
            return true;
        }

        /// <summary>Rules across members, checked after every member read well.</summary>
        protected virtual ProtocolError Validate()
        {
            return ProtocolError.None;
        }

        /// <summary>True when the last read found the member (false for an absent optional one).</summary>
        protected bool IsPresent(JsonField field)
        {
            return _present[field.Slot];
        }

        /// <summary>Why the last read dropped a tolerant member (None when it was absent or read well).</summary>
        protected ProtocolError MemberError(JsonField field)
        {
            return _memberErrors[field.Slot];
        }

        /// <summary>Drops a tolerant member as if absent and keeps why: a rule of the message found its value bad.</summary>
        protected void RejectMember(JsonField field, ProtocolError error)
        {
            int i = field.Slot;
            _integers[i] = field.Fallback;
            _reals[i] = field.RealFallback;
            _texts[i] = field.TextFallback;
            _byteLengths[i] = 0;
            _present[i] = false;
            _memberErrors[i] = error;
        }

        /// <summary>Sets how much of a bytes member's buffer is its value (a message that fills the buffer in place).</summary>
        protected void SetBytesLength(JsonField field, int length)
        {
            _byteLengths[field.Slot] = length < 0 ? 0 : length > _bytes[field.Slot].Length ? _bytes[field.Slot].Length : length;
        }

        protected long Integer(JsonField field)
        {
            return _integers[field.Slot];
        }

        protected double Real(JsonField field)
        {
            return _reals[field.Slot];
        }

        protected string Text(JsonField field)
        {
            return _texts[field.Slot];
        }

        protected bool Flag(JsonField field)
        {
            return _integers[field.Slot] != 0;
        }

        /// <summary>The buffer a bytes member is kept in; <see cref="BytesLength"/> says how much of it is the value.</summary>
        protected byte[] BytesOf(JsonField field)
        {
            return _bytes[field.Slot];
        }

        protected int BytesLength(JsonField field)
        {
            return _byteLengths[field.Slot];
        }

        /// <summary>Copies <paramref name="length"/> bytes in; false (nothing changed) when they do not fit.</summary>
        protected bool SetBytes(JsonField field, byte[] source, int length)
        {
            byte[] buffer = _bytes[field.Slot];
            if (source == null || length < 0 || length > buffer.Length || length > source.Length)
            {
                return false;
            }

            System.Array.Copy(source, buffer, length);
            _byteLengths[field.Slot] = length;
            return true;
        }

        protected void Set(JsonField field, long value)
        {
            _integers[field.Slot] = value;
        }

        protected void Set(JsonField field, double value)
        {
            _reals[field.Slot] = value;
        }

        protected void Set(JsonField field, string value)
        {
            _texts[field.Slot] = value;
        }

        protected void Set(JsonField field, bool value)
        {
            _integers[field.Slot] = value ? 1 : 0;
        }

        private ProtocolError ReadMember(JsonReader reader, JsonField f)
        {
            long integer = 0;
            double real = 0;
            string text = null;
            bool flag = false;
            ProtocolError e;
            switch (f.Kind)
            {
                case JsonKind.Count:
                    e = Fields.Count(reader, f.Name, f.Max, out integer);
                    break;
                case JsonKind.Integer:
                    e = reader.GetLong(f.Name, out integer);
                    if (e == ProtocolError.None && (integer < f.Min || integer > f.Max))
                    {
                        e = ProtocolError.OutOfRange;
                    }

                    break;
                case JsonKind.Amount:
                    e = Fields.Amount(reader, f.Name, out real);
                    break;
                case JsonKind.Real:
                    e = reader.GetDouble(f.Name, out real);
                    break;
                case JsonKind.Flag:
                    e = reader.GetBool(f.Name, out flag);
                    integer = flag ? 1 : 0;
                    break;
                case JsonKind.Bytes:
                    int length;
                    e = reader.GetBase64(f.Name, _bytes[f.Slot], out length);
                    _byteLengths[f.Slot] = length;
                    break;
                case JsonKind.Id:
                    e = Fields.Id(reader, f.Name, out text);
                    break;
                case JsonKind.IdOrEmpty:
                    e = reader.GetString(f.Name, out text);
                    if (e == ProtocolError.None && text.Length > 0 && !Fields.IsValidId(text))
                    {
                        e = ProtocolError.OutOfRange;
                    }

                    break;
                default:
                    e = reader.GetString(f.Name, out text);
                    break;
            }

            _integers[f.Slot] = integer;
            _reals[f.Slot] = real;
            _texts[f.Slot] = text;
            return e;
        }
    }
}
