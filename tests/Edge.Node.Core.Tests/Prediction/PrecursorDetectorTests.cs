using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Prediction;

[Trait("Category", "Unit")]
public sealed class PrecursorDetectorTests
{
    [Fact]
    public void The_precursor_alarms_on_the_first_step_of_a_sharp_rise()
    {
        var detector = new PrecursorDetector();
        PredictorCases.Feed(detector, Enumerable.Range(0, 200).Select(t => 50.0 + (t % 3)));
        Assert.False(detector.Alarm);
        detector.Update(200.0);
        Assert.True(detector.Alarm);
    }

    [Fact]
    public void The_precursor_catches_a_slow_rise_through_CUSUM_before_the_ratio_would()
    {
        var detector = new PrecursorDetector();
        PredictorCases.Feed(detector, Enumerable.Range(0, 200).Select(t => 100.0 + (t % 2 == 0 ? 5.0 : -5.0)));
        int steps = 0;
        double x = 100.0;
        while (!detector.Alarm && steps < 50)
        {
            x += 4.0;
            detector.Update(x);
            steps++;
        }

        Assert.True(detector.Alarm);
        Assert.True(x < 200.0, $"alarm only at {x}");
    }

    [Fact]
    public void While_alarmed_the_bound_jumps_to_the_height_of_past_bursts()
    {
        var detector = new PrecursorDetector();
        for (int burst = 0; burst < 5; burst++)
        {
            PredictorCases.Feed(detector, Enumerable.Repeat(20.0, 100));
            PredictorCases.Feed(detector, Enumerable.Repeat(400.0, 3));
        }

        PredictorCases.Feed(detector, Enumerable.Repeat(20.0, 100));
        Assert.False(detector.Alarm);
        double quiet = detector.UpperBound(1);
        detector.Update(90.0);
        Assert.True(detector.Alarm);
        Assert.True(detector.BurstLevel > 300.0, $"burst level {detector.BurstLevel}");
        Assert.True(detector.UpperBound(2) >= detector.BurstLevel);
        Assert.True(quiet < 100.0);
    }

    [Fact]
    public void The_alarm_falls_after_its_hold_when_the_rise_stops()
    {
        var detector = new PrecursorDetector(2.0, 0.5, 4.0, 3, 2.0, 8);
        PredictorCases.Feed(detector, Enumerable.Repeat(10.0, 100));
        detector.Update(100.0);
        Assert.True(detector.Alarm);
        PredictorCases.Feed(detector, Enumerable.Repeat(10.0, 20));
        Assert.False(detector.Alarm);
    }
}
