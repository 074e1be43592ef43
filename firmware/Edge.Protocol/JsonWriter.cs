using System;

namespace Edge.Protocol
{
    /// <summary>
    /// Writes one flat JSON object as UTF-8 into a reused buffer. nanoFramework has no System.Text.Json, and
    /// the messages dashboards read are flat, so this is all the JSON a node ever writes.
    /// </summary>
    public sealed class JsonWriter
    {
        private readonly byte[] _buffer;
        private int _length;
        private bool _needComma;

        public JsonWriter()
            : this(ProtocolLimits.MaxPayloadBytes)
        {
        }

        public JsonWriter(int capacity)
        {
            _buffer = new byte[capacity];
        }

        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int Length
        {
            get { return _length; }
        }

        public void BeginObject()
        {
            _length = 0;
            _needComma = false;
            Put((byte)'{');
        }

        public void EndObject()
        {
            Put((byte)'}');
        }

        public void WriteString(string name, string value)
        {
            Name(name);
            Quoted(value);
        }

        /// <summary>Writes <paramref name="length"/> bytes as a base64 string member.</summary>
        public void WriteBase64(string name, byte[] bytes, int length)
        {
            Name(name);
            Put((byte)'"');
            for (int i = 0; i < length; i += 3)
            {
                int rest = length - i;
                int triple = (bytes[i] << 16) | (rest > 1 ? bytes[i + 1] << 8 : 0) | (rest > 2 ? bytes[i + 2] : 0);
                Put(Base64.Digit(triple >> 18));
                Put(Base64.Digit(triple >> 12));
                Put(rest > 1 ? Base64.Digit(triple >> 6) : (byte)'=');
                Put(rest > 2 ? Base64.Digit(triple) : (byte)'=');
            }

            Put((byte)'"');
        }

        public void WriteNumber(string name, long value)
        {
            Name(name);
            Ascii(value.ToString());
        }

        public void WriteNumber(string name, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(name, "JSON numbers must be finite");
            }

            Name(name);
            Ascii(value.ToString());
        }

        public void WriteBool(string name, bool value)
        {
            Name(name);
            Ascii(value ? "true" : "false");
        }

        public byte[] ToArray()
        {
            byte[] copy = new byte[_length];
            Array.Copy(_buffer, copy, _length);
            return copy;
        }

        private void Name(string name)
        {
            if (_needComma)
            {
                Put((byte)',');
            }

            _needComma = true;
            Quoted(name);
            Put((byte)':');
        }

        private void Ascii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                // A comma decimal separator can only come from a culture setting; JSON wants a point.
                Put(c == ',' ? (byte)'.' : (byte)c);
            }
        }

        private void Quoted(string text)
        {
            Put((byte)'"');
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c == '"' || c == '\\')
                {
                    Put((byte)'\\');
                    Put((byte)c);
                }
                else if (c < 0x20)
                {
                    Put((byte)'\\');
                    Put((byte)'u');
                    Put((byte)'0');
                    Put((byte)'0');
                    Put(Hex(c >> 4));
                    Put(Hex(c & 0xF));
                }
                else if (c < 0x80)
                {
                    Put((byte)c);
                }
                else
                {
                    i = Utf8(text, i);
                }
            }

            Put((byte)'"');
        }

        private int Utf8(string text, int i)
        {
            int c = text[i];
            if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
            {
                int cp = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                Put((byte)(0xF0 | (cp >> 18)));
                Put((byte)(0x80 | ((cp >> 12) & 0x3F)));
                Put((byte)(0x80 | ((cp >> 6) & 0x3F)));
                Put((byte)(0x80 | (cp & 0x3F)));
                return i + 1;
            }

            if (c >= 0xD800 && c <= 0xDFFF)
            {
                c = 0xFFFD;
            }

            if (c < 0x800)
            {
                Put((byte)(0xC0 | (c >> 6)));
            }
            else
            {
                Put((byte)(0xE0 | (c >> 12)));
                Put((byte)(0x80 | ((c >> 6) & 0x3F)));
            }

            Put((byte)(0x80 | (c & 0x3F)));
            return i;
        }

        private static byte Hex(int nibble)
        {
            return (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }

        private void Put(byte b)
        {
            if (_length == _buffer.Length)
            {
                throw new InvalidOperationException("JSON message larger than the writer's buffer");
            }

            _buffer[_length++] = b;
        }
    }
}
