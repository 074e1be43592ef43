namespace Edge.Protocol
{
    /// <summary>
    /// Reads one flat JSON object (string, number, true, false, null members; no nesting) into an index of
    /// member positions, then hands out typed values. Every failure is a <see cref="ProtocolError"/>.
    /// </summary>
    public sealed class JsonReader
    {
        private const byte KindString = 1;
        private const byte KindNumber = 2;
        private const byte KindTrue = 3;
        private const byte KindFalse = 4;
        private const byte KindNull = 5;

        private readonly int[] _nameStart = new int[ProtocolLimits.MaxJsonMembers];
        private readonly int[] _nameLength = new int[ProtocolLimits.MaxJsonMembers];
        private readonly int[] _valueStart = new int[ProtocolLimits.MaxJsonMembers];
        private readonly int[] _valueLength = new int[ProtocolLimits.MaxJsonMembers];
        private readonly byte[] _kind = new byte[ProtocolLimits.MaxJsonMembers];
        private readonly char[] _chars = new char[ProtocolLimits.MaxJsonStringBytes];
        private byte[] _src;
        private int _count;
        private int _pos;
        private int _end;

        public int MemberCount
        {
            get { return _count; }
        }

        public ProtocolError Parse(byte[] src, int offset, int length)
        {
            _count = 0;
            _src = src;
            if (length > ProtocolLimits.MaxPayloadBytes)
            {
                return ProtocolError.Oversized;
            }

            if (length == 0)
            {
                return ProtocolError.Truncated;
            }

            if (!Utf8.IsValid(src, offset, length))
            {
                return ProtocolError.InvalidUtf8;
            }

            _pos = offset;
            _end = offset + length;
            ProtocolError error = ParseObject();
            if (error != ProtocolError.None)
            {
                _count = 0;
            }

            return error;
        }

        public bool Has(string name)
        {
            return Find(name) >= 0;
        }

        public bool IsNull(string name)
        {
            int i = Find(name);
            return i >= 0 && _kind[i] == KindNull;
        }

        public ProtocolError GetString(string name, out string value)
        {
            value = null;
            int i = Find(name);
            if (i < 0)
            {
                return ProtocolError.MissingField;
            }

            if (_kind[i] != KindString)
            {
                return ProtocolError.InvalidJson;
            }

            return DecodeString(_valueStart[i] + 1, _valueStart[i] + _valueLength[i] - 1, out value);
        }

        /// <summary>A base64 string member decoded into <paramref name="dest"/>; OutOfRange when it is not base64 or too long.</summary>
        public ProtocolError GetBase64(string name, byte[] dest, out int length)
        {
            length = 0;
            int i = Find(name);
            if (i < 0)
            {
                return ProtocolError.MissingField;
            }

            if (_kind[i] != KindString)
            {
                return ProtocolError.InvalidJson;
            }

            int decoded = Base64.Decode(_src, _valueStart[i] + 1, _valueLength[i] - 2, dest);
            if (decoded < 0)
            {
                return ProtocolError.OutOfRange;
            }

            length = decoded;
            return ProtocolError.None;
        }

        public ProtocolError GetBool(string name, out bool value)
        {
            value = false;
            int i = Find(name);
            if (i < 0)
            {
                return ProtocolError.MissingField;
            }

            if (_kind[i] != KindTrue && _kind[i] != KindFalse)
            {
                return ProtocolError.InvalidJson;
            }

            value = _kind[i] == KindTrue;
            return ProtocolError.None;
        }

        /// <summary>An integer member; fractions and values beyond 18 digits are out of range.</summary>
        public ProtocolError GetLong(string name, out long value)
        {
            value = 0;
            int i = Find(name);
            if (i < 0)
            {
                return ProtocolError.MissingField;
            }

            if (_kind[i] != KindNumber)
            {
                return ProtocolError.InvalidJson;
            }

            return ParseInteger(_valueStart[i], _valueLength[i], out value) ? ProtocolError.None : ProtocolError.OutOfRange;
        }

        public ProtocolError GetDouble(string name, out double value)
        {
            value = 0;
            int i = Find(name);
            if (i < 0)
            {
                return ProtocolError.MissingField;
            }

            if (_kind[i] != KindNumber)
            {
                return ProtocolError.InvalidJson;
            }

            long integer;
            if (ParseInteger(_valueStart[i], _valueLength[i], out integer))
            {
                value = integer;
                return ProtocolError.None;
            }

            int n = _valueLength[i];
            if (n > _chars.Length)
            {
                return ProtocolError.OutOfRange;
            }

            for (int k = 0; k < n; k++)
            {
                _chars[k] = (char)_src[_valueStart[i] + k];
            }

            // Parse is culture-free on nanoFramework and on .NET hosts built with InvariantGlobalization.
            if (!double.TryParse(new string(_chars, 0, n), out value))
            {
                return ProtocolError.OutOfRange;
            }

            return double.IsNaN(value) || double.IsInfinity(value) ? ProtocolError.NotFinite : ProtocolError.None;
        }

        private int Find(string name)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_nameLength[i] != name.Length)
                {
                    continue;
                }

                int start = _nameStart[i];
                int k = 0;
                while (k < name.Length && _src[start + k] == name[k])
                {
                    k++;
                }

                if (k == name.Length)
                {
                    return i;
                }
            }

            return -1;
        }

        private bool ParseInteger(int start, int length, out long value)
        {
            value = 0;
            int p = start;
            bool negative = _src[p] == '-';
            if (negative)
            {
                p++;
            }

            int digits = start + length - p;
            if (digits < 1 || digits > 18)
            {
                return false;
            }

            for (int k = p; k < start + length; k++)
            {
                int d = _src[k] - '0';
                if (d < 0 || d > 9)
                {
                    return false;
                }

                value = value * 10 + d;
            }

            if (negative)
            {
                value = -value;
            }

            return true;
        }

        private ProtocolError DecodeString(int start, int end, out string value)
        {
            value = null;
            int n = 0;
            int p = start;
            while (p < end)
            {
                if (n >= _chars.Length - 1)
                {
                    return ProtocolError.OutOfRange;
                }

                int c = _src[p];
                if (c == '\\')
                {
                    p = Unescape(p + 1, n);
                    n++;
                    continue;
                }

                if (c < 0x80)
                {
                    _chars[n++] = (char)c;
                    p++;
                    continue;
                }

                int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
                int cp = c & (0x3F >> need);
                for (int k = 1; k <= need; k++)
                {
                    cp = (cp << 6) | (_src[p + k] & 0x3F);
                }

                p += need + 1;
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    _chars[n++] = (char)(0xD800 + (cp >> 10));
                    _chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    _chars[n++] = (char)cp;
                }
            }

            value = new string(_chars, 0, n);
            return ProtocolError.None;
        }

        private int Unescape(int p, int n)
        {
            int e = _src[p];
            char c;
            switch (e)
            {
                case 'b': c = '\b'; break;
                case 'f': c = '\f'; break;
                case 'n': c = '\n'; break;
                case 'r': c = '\r'; break;
                case 't': c = '\t'; break;
                case 'u':
                    c = (char)((HexValue(_src[p + 1]) << 12) | (HexValue(_src[p + 2]) << 8) | (HexValue(_src[p + 3]) << 4) | HexValue(_src[p + 4]));
                    _chars[n] = c;
                    return p + 5;
                default: c = (char)e; break;
            }

            _chars[n] = c;
            return p + 1;
        }

        private static int HexValue(int c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        private ProtocolError ParseObject()
        {
            SkipSpace();
            if (_pos >= _end)
            {
                return ProtocolError.Truncated;
            }

            if (_src[_pos] != '{')
            {
                return ProtocolError.InvalidJson;
            }

            _pos++;
            SkipSpace();
            if (_pos < _end && _src[_pos] == '}')
            {
                _pos++;
                return Trailing();
            }

            while (true)
            {
                ProtocolError error = ParseMember();
                if (error != ProtocolError.None)
                {
                    return error;
                }

                SkipSpace();
                if (_pos >= _end)
                {
                    return ProtocolError.Truncated;
                }

                byte c = _src[_pos++];
                if (c == '}')
                {
                    return Trailing();
                }

                if (c != ',')
                {
                    return ProtocolError.InvalidJson;
                }
            }
        }

        private ProtocolError ParseMember()
        {
            SkipSpace();
            if (_pos >= _end)
            {
                return ProtocolError.Truncated;
            }

            if (_src[_pos] != '"')
            {
                return ProtocolError.InvalidJson;
            }

            int nameStart = _pos + 1;
            ProtocolError error = SkipString();
            if (error != ProtocolError.None)
            {
                return error;
            }

            int nameLength = _pos - 1 - nameStart;
            SkipSpace();
            if (_pos >= _end)
            {
                return ProtocolError.Truncated;
            }

            if (_src[_pos] != ':')
            {
                return ProtocolError.InvalidJson;
            }

            _pos++;
            SkipSpace();
            if (_pos >= _end)
            {
                return ProtocolError.Truncated;
            }

            int valueStart = _pos;
            byte kind;
            error = SkipValue(out kind);
            if (error != ProtocolError.None)
            {
                return error;
            }

            if (_count == ProtocolLimits.MaxJsonMembers)
            {
                return ProtocolError.OutOfRange;
            }

            _nameStart[_count] = nameStart;
            _nameLength[_count] = nameLength;
            if (FindRaw(nameStart, nameLength) >= 0)
            {
                return ProtocolError.InvalidJson;
            }

            _valueStart[_count] = valueStart;
            _valueLength[_count] = _pos - valueStart;
            _kind[_count] = kind;
            _count++;
            return ProtocolError.None;
        }

        private int FindRaw(int start, int length)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_nameLength[i] != length)
                {
                    continue;
                }

                int k = 0;
                while (k < length && _src[_nameStart[i] + k] == _src[start + k])
                {
                    k++;
                }

                if (k == length)
                {
                    return i;
                }
            }

            return -1;
        }

        private ProtocolError SkipValue(out byte kind)
        {
            byte c = _src[_pos];
            if (c == '"')
            {
                kind = KindString;
                return SkipString();
            }

            if (c == '-' || (c >= '0' && c <= '9'))
            {
                kind = KindNumber;
                return SkipNumber();
            }

            if (c == 't')
            {
                kind = KindTrue;
                return Literal("true");
            }

            if (c == 'f')
            {
                kind = KindFalse;
                return Literal("false");
            }

            if (c == 'n')
            {
                kind = KindNull;
                return Literal("null");
            }

            kind = 0;
            return ProtocolError.InvalidJson;
        }

        private ProtocolError SkipString()
        {
            _pos++;
            while (_pos < _end)
            {
                byte c = _src[_pos];
                if (c == '"')
                {
                    _pos++;
                    return ProtocolError.None;
                }

                if (c < 0x20)
                {
                    return ProtocolError.InvalidJson;
                }

                if (c != '\\')
                {
                    _pos++;
                    continue;
                }

                _pos++;
                if (_pos >= _end)
                {
                    return ProtocolError.Truncated;
                }

                byte e = _src[_pos];
                if (e == 'u')
                {
                    if (_pos + 4 >= _end)
                    {
                        return ProtocolError.Truncated;
                    }

                    for (int k = 1; k <= 4; k++)
                    {
                        if (HexValue(_src[_pos + k]) < 0)
                        {
                            return ProtocolError.InvalidJson;
                        }
                    }

                    _pos += 5;
                }
                else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
                {
                    _pos++;
                }
                else
                {
                    return ProtocolError.InvalidJson;
                }
            }

            return ProtocolError.Truncated;
        }

        private ProtocolError SkipNumber()
        {
            if (_src[_pos] == '-')
            {
                _pos++;
            }

            if (_pos >= _end)
            {
                return ProtocolError.Truncated;
            }

            if (_src[_pos] == '0')
            {
                _pos++;
            }
            else if (!SkipDigits())
            {
                return ProtocolError.InvalidJson;
            }

            if (_pos < _end && _src[_pos] == '.')
            {
                _pos++;
                if (_pos >= _end)
                {
                    return ProtocolError.Truncated;
                }

                if (!SkipDigits())
                {
                    return ProtocolError.InvalidJson;
                }
            }

            if (_pos < _end && (_src[_pos] == 'e' || _src[_pos] == 'E'))
            {
                _pos++;
                if (_pos < _end && (_src[_pos] == '+' || _src[_pos] == '-'))
                {
                    _pos++;
                }

                if (_pos >= _end)
                {
                    return ProtocolError.Truncated;
                }

                if (!SkipDigits())
                {
                    return ProtocolError.InvalidJson;
                }
            }

            return ProtocolError.None;
        }

        private bool SkipDigits()
        {
            int start = _pos;
            while (_pos < _end && _src[_pos] >= '0' && _src[_pos] <= '9')
            {
                _pos++;
            }

            return _pos > start;
        }

        private ProtocolError Literal(string word)
        {
            for (int k = 0; k < word.Length; k++)
            {
                if (_pos >= _end)
                {
                    return ProtocolError.Truncated;
                }

                if (_src[_pos] != word[k])
                {
                    return ProtocolError.InvalidJson;
                }

                _pos++;
            }

            return ProtocolError.None;
        }

        private ProtocolError Trailing()
        {
            SkipSpace();
            return _pos == _end ? ProtocolError.None : ProtocolError.InvalidJson;
        }

        private void SkipSpace()
        {
            while (_pos < _end)
            {
                byte c = _src[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }
    }
}
