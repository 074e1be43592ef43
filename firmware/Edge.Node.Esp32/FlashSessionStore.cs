using System;
using System.IO;
using Edge.Node.Core.Agent;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// The session number in a small file on internal flash (I:\edge.session, decimal ASCII), so a Will from before a
    /// reboot can never be taken for the death of the session after it (docs/PROTOCOL.md section 2). LittleFS on the
    /// ESP32 spreads the writes; one write per broker connect is far below the flash's endurance.
    /// </summary>
    public sealed class FlashSessionStore : ISessionStore
    {
        public const string DefaultPath = "I:\\edge.session";

        /// <summary>2020-01-01T00:00:00Z in Unix seconds: the floor a board without a stored session falls back to.</summary>
        public const long Epoch2020Seconds = 1577836800;

        private const int MaxDigits = 19;

        private readonly string _path;
        private readonly long _nowUnixMs;
        private readonly byte[] _buffer = new byte[MaxDigits + 1];

        /// <param name="path">The file; created on the first save.</param>
        /// <param name="nowUnixMs">Wall-clock time at boot (after SNTP), or 0 when unknown.</param>
        public FlashSessionStore(string path, long nowUnixMs)
        {
            _path = path;
            _nowUnixMs = nowUnixMs;
        }

        /// <summary>
        /// The last saved session; without one (first boot, unreadable file), the seconds since 2020-01-01, which still
        /// grow from one power-up to the next as the protocol asks.
        /// </summary>
        public long Load()
        {
            long fallback = _nowUnixMs <= 0 ? 0 : (_nowUnixMs / 1000) - Epoch2020Seconds;
            if (fallback < 0)
            {
                fallback = 0;
            }

            long stored;
            if (!TryRead(out stored))
            {
                return fallback;
            }

            return stored > fallback ? stored : fallback;
        }

        public void Save(long session)
        {
            int length = Format(session, _buffer);
            try
            {
                using (FileStream stream = new FileStream(_path, FileMode.Create, FileAccess.Write))
                {
                    stream.Write(_buffer, 0, length);
                }
            }
            catch (IOException)
            {
                // A full or failing flash must not stop the node: the next Load falls back to the clock.
            }
        }

        /// <summary>Writes <paramref name="value"/> (non-negative) as decimal digits; returns the length.</summary>
        public static int Format(long value, byte[] buffer)
        {
            if (value < 0)
            {
                value = 0;
            }

            int length = 0;
            do
            {
                buffer[length++] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            while (value > 0);

            for (int i = 0, j = length - 1; i < j; i++, j--)
            {
                byte t = buffer[i];
                buffer[i] = buffer[j];
                buffer[j] = t;
            }

            return length;
        }

        /// <summary>Reads decimal digits (trailing whitespace allowed); false for anything else.</summary>
        public static bool TryParse(byte[] buffer, int length, out long value)
        {
            value = 0;
            int i = 0;
            while (i < length && buffer[i] >= (byte)'0' && buffer[i] <= (byte)'9')
            {
                if (i == 18)
                {
                    return false;
                }

                value = (value * 10) + (buffer[i] - (byte)'0');
                i++;
            }

            if (i == 0)
            {
                return false;
            }

            for (; i < length; i++)
            {
                if (buffer[i] != (byte)' ' && buffer[i] != (byte)'\r' && buffer[i] != (byte)'\n')
                {
                    return false;
                }
            }

            return true;
        }

        private bool TryRead(out long value)
        {
            value = 0;
            try
            {
                if (!File.Exists(_path))
                {
                    return false;
                }

                int length = 0;
                using (FileStream stream = new FileStream(_path, FileMode.Open, FileAccess.Read))
                {
                    int read;
                    while (length < _buffer.Length && (read = stream.Read(_buffer, length, _buffer.Length - length)) > 0)
                    {
                        length += read;
                    }
                }

                return TryParse(_buffer, length, out value);
            }
            catch (IOException)
            {
                return false;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
