using System;
using Edge.Node.Core.Agent;

namespace Edge.Node.Esp32.Tests;

public sealed class StatusLedAndClockTests
{
    [Fact]
    [Trait("Category", "Unit")]
    public void The_led_is_steady_on_while_running()
    {
        for (long t = 0; t < 2000; t += 50)
        {
            Assert.True(StatusLed.IsOn(AgentState.Running, t));
        }
    }

    [Theory]
    [InlineData(AgentState.Disconnected, StatusLed.FastPeriodMs)]
    [InlineData(AgentState.WaitingForGateway, StatusLed.SlowPeriodMs)]
    [Trait("Category", "Unit")]
    public void The_led_blinks_half_on_half_off_at_the_state_s_period(AgentState state, long period)
    {
        Assert.True(StatusLed.IsOn(state, 0));
        Assert.True(StatusLed.IsOn(state, (period / 2) - 1));
        Assert.False(StatusLed.IsOn(state, period / 2));
        Assert.False(StatusLed.IsOn(state, period - 1));
        Assert.True(StatusLed.IsOn(state, period));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void The_clock_converts_utc_to_unix_milliseconds()
    {
        DateTime utc = new(2026, 11, 23, 4, 0, 0, 123, DateTimeKind.Utc);

        Assert.Equal(new DateTimeOffset(utc).ToUnixTimeMilliseconds(), UnixClock.ToUnixMs(utc));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void The_clock_advances_with_the_tick_count_from_its_anchor()
    {
        UnixClock clock = new(1_700_000_000_000, 5_000);

        Assert.Equal(1_700_000_000_000, clock.At(5_000));
        Assert.Equal(1_700_000_001_500, clock.At(6_500));
    }
}
