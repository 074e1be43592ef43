namespace Edge.Protocol
{
    /// <summary>
    /// Standard base64 (RFC 4648, with padding) into and out of caller buffers, so a model's weights travel in a
    /// JSON string without a string or array allocated per message. Written here because the decode must land in a
    /// preallocated buffer, which nanoFramework's Convert does not offer.
    /// </summary>
    public static class Base64
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        public static int EncodedLength(int bytes)
        {
            return ((bytes + 2) / 3) * 4;
        }

        /// <summary>The character for the 6-bit value <paramref name="sextet"/>.</summary>
        public static byte Digit(int sextet)
        {
            return (byte)Alphabet[sextet & 63];
        }

        /// <summary>
        /// Decodes <paramref name="length"/> characters at <paramref name="offset"/> of <paramref name="src"/> into
        /// <paramref name="dest"/>; the byte count, or -1 when the text is not padded base64 or does not fit.
        /// </summary>
        public static int Decode(byte[] src, int offset, int length, byte[] dest)
        {
            if (length % 4 != 0)
            {
                return -1;
            }

            int written = 0;
            for (int i = 0; i < length; i += 4)
            {
                int a = Value(src[offset + i]);
                int b = Value(src[offset + i + 1]);
                bool last = i + 4 == length;
                int c = last && src[offset + i + 2] == (byte)'=' ? -2 : Value(src[offset + i + 2]);
                int d = last && src[offset + i + 3] == (byte)'=' ? -2 : Value(src[offset + i + 3]);
                if (a < 0 || b < 0 || c == -1 || d == -1 || (c == -2 && d != -2))
                {
                    return -1;
                }

                int bytes = c == -2 ? 1 : (d == -2 ? 2 : 3);
                if (written + bytes > dest.Length)
                {
                    return -1;
                }

                int triple = (a << 18) | (b << 12) | ((c < 0 ? 0 : c) << 6) | (d < 0 ? 0 : d);
                dest[written++] = (byte)(triple >> 16);
                if (bytes > 1)
                {
                    dest[written++] = (byte)(triple >> 8);
                }

                if (bytes > 2)
                {
                    dest[written++] = (byte)triple;
                }
            }

            return written;
        }

        private static int Value(byte c)
        {
            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A';
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a' + 26;
            }

            if (c >= '0' && c <= '9')
            {
                return c - '0' + 52;
            }

            return c == '+' ? 62 : (c == '/' ? 63 : -1);
        }
    }
}
