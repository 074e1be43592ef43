using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Core.Tests.Fleet;

/// <summary>One window of the plausibility checks, judged from scripted reports and measurements.</summary>
[Trait("Category", "Unit")]
public sealed class PlausibilityJudgeTests
{
    private static readonly PlausibilityOptions Options = new() { Window = TimeSpan.FromSeconds(10) };

    private static readonly NodeRecord Node = new() { Node = "n1", Session = 1, Live = true, Online = true, HeartbeatMs = 250 };

    private OwnedFlows _owned = new(1, 1, 0);
    private long _outliers;
    private long _shed;

    private PlausibilityJudge Judge() => new(Options, 200, _ => _owned, _ => _outliers, () => _shed);

    private static NodeTelemetry Report(double rate, double forecast = 10, long fill = 0, long session = 1) =>
        new(session, fill, 1000, rate, forecast, 0, false, false, 0);

    /// <summary>Reports every <paramref name="everyMs"/> for a window, committing <paramref name="committedPerSecond"/>; the last result.</summary>
    private PlausibilityResult? Window(PlausibilityJudge judge, ref long now, double rate, double committedPerSecond, double forecast = 10,
        long everyMs = 250, Func<long, long>? fill = null)
    {
        PlausibilityResult? result = null;
        long end = now + 10_000;
        double carry = 0;
        while (now < end)
        {
            now += everyMs;
            carry += committedPerSecond * everyMs / 1000.0;
            long whole = (long)carry;
            carry -= whole;
            _owned = _owned with { Committed = _owned.Committed + whole };
            result = judge.Telemetry(Node, Report(rate, forecast, fill?.Invoke(now) ?? 0), now) ?? result;
        }

        return result;
    }

    [Fact]
    public void Reports_that_match_what_was_committed_pass()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        Assert.Null(judge.Telemetry(Node, Report(50), now));

        PlausibilityResult? result = Window(judge, ref now, 50, 50);

        Assert.NotNull(result);
        Assert.Equal(PlausibilityChecks.None, result.Failed);
        Assert.Equal(0, result.Strikes);
    }

    [Fact]
    public void Arrivals_held_in_the_buffer_count_as_seen()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(100), now);

        // A burst of 100/s of which the uplink committed 20/s: the other 80/s grew the buffer, as it says.
        PlausibilityResult? result = Window(judge, ref now, 100, 20, fill: t => t * 80 / 1000);

        Assert.Equal(PlausibilityChecks.None, result!.Failed);
    }

    [Fact]
    public void Arrivals_that_went_nowhere_fail()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(500), now);

        PlausibilityResult? result = Window(judge, ref now, 500, 10);

        Assert.Equal(PlausibilityChecks.Arrivals, result!.Failed);
        Assert.Equal(1, result.Strikes);
    }

    [Fact]
    public void Samples_committed_that_the_node_says_never_arrived_fail()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(0), now);

        PlausibilityResult? result = Window(judge, ref now, 0, 200);

        Assert.True(result!.Failed.HasFlag(PlausibilityChecks.Arrivals));
    }

    [Fact]
    public void A_wide_honest_forecast_passes_and_an_absurd_one_fails()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(50, 1500), now);
        Assert.Equal(PlausibilityChecks.None, Window(judge, ref now, 50, 50, forecast: 1500)!.Failed);

        Assert.Equal(PlausibilityChecks.Forecast, Window(judge, ref now, 50, 50, forecast: 1e6)!.Failed);
    }

    [Fact]
    public void Telemetry_far_more_often_than_the_declared_heartbeat_fails()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(50), now);

        PlausibilityResult? result = Window(judge, ref now, 50, 50, everyMs: 10);

        Assert.Equal(PlausibilityChecks.Heartbeat, result!.Failed);
    }

    [Fact]
    public void Values_far_outside_their_flows_history_fail()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(50), now);
        _outliers = 10;

        Assert.Equal(PlausibilityChecks.Values, Window(judge, ref now, 50, 50)!.Failed);
    }

    [Fact]
    public void A_window_in_which_the_nodes_flows_moved_proves_nothing()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(500), now);
        _owned = new OwnedFlows(2, 7, _owned.Committed);

        Assert.Null(Window(judge, ref now, 500, 10));
    }

    [Fact]
    public void A_window_with_a_gap_in_the_nodes_telemetry_proves_nothing()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(500), now);

        PlausibilityResult? result = Window(judge, ref now, 500, 10, everyMs: 6000);

        Assert.Null(result);
    }

    [Fact]
    public void A_window_in_which_the_gateway_shed_reports_proves_nothing_and_the_next_one_counts_again()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(500), now);
        _shed = 3;

        Assert.Null(Window(judge, ref now, 500, 10));
        Assert.Equal(PlausibilityChecks.Arrivals, Window(judge, ref now, 500, 10)!.Failed);
    }

    [Fact]
    public void Failed_windows_in_a_row_add_up_and_a_passed_one_starts_again()
    {
        PlausibilityJudge judge = Judge();
        long now = 0;
        judge.Telemetry(Node, Report(500), now);
        Assert.Equal(1, Window(judge, ref now, 500, 10)!.Strikes);
        Assert.Equal(2, Window(judge, ref now, 500, 10)!.Strikes);
        Assert.Equal(0, Window(judge, ref now, 10, 10)!.Strikes);
        Assert.Equal(1, Window(judge, ref now, 500, 10)!.Strikes);
    }
}
