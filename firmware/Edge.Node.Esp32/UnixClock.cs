using System;

namespace Edge.Node.Esp32
{
    /// <summary>
    /// The agent's clock: Unix milliseconds that never step. Anchored once to the wall clock (set by SNTP during the
    /// WiFi connect) and advanced by the monotonic tick count, so a later SNTP correction cannot move the agent's
    /// timers backwards or make sample times go back.
    /// </summary>
    public sealed class UnixClock
    {
        /// <summary>DateTime ticks at 1970-01-01T00:00:00Z.</summary>
        public const long UnixEpochTicks = 621355968000000000;

        private const long TicksPerMillisecond = 10000;

        private readonly long _unixMsAtAnchor;
        private readonly long _tickMsAtAnchor;

        public UnixClock(long unixMsAtAnchor, long tickMsAtAnchor)
        {
            _unixMsAtAnchor = unixMsAtAnchor;
            _tickMsAtAnchor = tickMsAtAnchor;
        }

        /// <summary>Anchors to DateTime.UtcNow and Environment.TickCount64 now.</summary>
        public static UnixClock Start()
        {
            return new UnixClock(ToUnixMs(DateTime.UtcNow), Environment.TickCount64);
        }

        public static long ToUnixMs(DateTime utc)
        {
            return (utc.Ticks - UnixEpochTicks) / TicksPerMillisecond;
        }

        public long Now()
        {
            return At(Environment.TickCount64);
        }

        /// <summary>The Unix time at tick count <paramref name="tickMs"/>.</summary>
        public long At(long tickMs)
        {
            return _unixMsAtAnchor + (tickMs - _tickMsAtAnchor);
        }
    }
}
