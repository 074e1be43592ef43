using Edge.Gateway.Core.Detection;

namespace Edge.Gateway.Core.Tests.Detection;

[Trait("Category", "Unit")]
public sealed class PhiAccrualFailureDetectorTests
{
    private static PhiAccrualFailureDetector Watching(string node, long heartbeatMs, long now)
    {
        var detector = new PhiAccrualFailureDetector(new PhiAccrualOptions());
        detector.Watch(node, heartbeatMs, now);
        return detector;
    }

    [Fact]
    public void Phi_grows_with_silence()
    {
        var d = Watching("n1", 250, 0);
        for (long t = 250; t <= 5000; t += 250)
        {
            d.Heartbeat("n1", t);
        }

        Assert.True(d.Phi("n1", 5100) < 1);
        Assert.True(d.Phi("n1", 5600) < d.Phi("n1", 5900));
        Assert.True(d.Phi("n1", 7000) > 8);
    }

    [Fact]
    public void A_silent_node_is_suspected_within_the_documented_bound_after_its_last_heartbeat()
    {
        var d = Watching("n1", 250, 0);
        for (long t = 250; t <= 10_000; t += 250)
        {
            d.Heartbeat("n1", t);
        }

        long suspectedAt = Enumerable.Range(0, 5000).Select(ms => 10_000L + ms).First(t => d.Suspects(t).Contains("n1"));
        Assert.InRange(suspectedAt - 10_000, 800, 1200);
    }

    [Fact]
    public void Jittered_heartbeats_raise_no_suspicion_over_a_long_run()
    {
        var d = Watching("n1", 250, 0);
        var random = new Random(11);
        long t = 0;
        int suspicions = 0;
        for (int i = 0; i < 20_000; i++)
        {
            long next = t + 250 + random.Next(-60, 61) + (random.Next(200) == 0 ? 400 : 0); // jitter and a rare 400 ms stall
            for (long probe = t + 10; probe < next; probe += 10)
            {
                suspicions += d.Suspects(probe).Count;
            }

            t = next;
            d.Heartbeat("n1", t);
        }

        Assert.Equal(0, suspicions);
    }

    [Fact]
    public void Phi_stays_finite_however_long_the_silence()
    {
        var d = Watching("n1", 250, 0);
        for (long t = 250; t <= 5000; t += 250)
        {
            d.Heartbeat("n1", t);
        }

        Assert.All(new long[] { 10_000, 100_000, 10_000_000, long.MaxValue / 4 }, t => Assert.True(double.IsFinite(d.Phi("n1", t)), "phi at " + t));
        Assert.True(d.Phi("n1", 100_000) > d.Phi("n1", 10_000));
    }

    [Fact]
    public void Silence_the_gateway_excused_is_not_held_against_a_node()
    {
        var d = Watching("n1", 250, 0);
        for (long t = 250; t <= 5000; t += 250)
        {
            d.Heartbeat("n1", t);
        }

        d.Excuse(9000);
        Assert.Empty(d.Suspects(9100));
        Assert.Contains("n1", d.Suspects(11_000));
    }

    [Fact]
    public void A_heartbeat_stamped_before_the_last_one_changes_nothing()
    {
        var d = Watching("n1", 250, 0);
        for (long t = 250; t <= 5000; t += 250)
        {
            d.Heartbeat("n1", t);
        }

        double before = d.Phi("n1", 5500);
        d.Heartbeat("n1", 4000);
        Assert.Equal(before, d.Phi("n1", 5500));
    }

    [Fact]
    public void A_new_session_starts_a_fresh_history()
    {
        var d = Watching("n1", 250, 0);
        Assert.True(d.Phi("n1", 5000) > 8);

        d.Watch("n1", 250, 5000);
        Assert.True(d.Phi("n1", 5100) < 1);
    }

    [Fact]
    public void A_forgotten_node_is_never_suspected()
    {
        var d = Watching("n1", 250, 0);
        d.Forget("n1");

        Assert.Empty(d.Suspects(100_000));
    }

    [Fact]
    public void A_node_that_just_came_up_gets_a_warmup_before_suspicion_but_is_still_found()
    {
        var d = Watching("n1", 250, 0);

        Assert.Empty(d.Suspects(1_500)); // no heartbeat yet: a cold start, not a death
        Assert.Contains("n1", d.Suspects(3_500));
    }

    [Fact]
    public void After_the_warmup_heartbeats_the_normal_bound_applies()
    {
        var d = Watching("n1", 250, 0);
        for (long t = 250; t <= 1_000; t += 250)
        {
            d.Heartbeat("n1", t);
        }

        Assert.Contains("n1", d.Suspects(1_000 + 1_300));
    }

    [Fact]
    public void A_judgement_counts_silence_only_among_nodes_past_their_warm_up()
    {
        var d = new PhiAccrualFailureDetector(new PhiAccrualOptions());
        d.Watch("settled", 250, 0);
        d.Watch("quiet", 250, 0);
        d.Watch("newborn", 250, 2_000);
        for (long t = 250; t <= 2_000; t += 250)
        {
            d.Heartbeat("settled", t);
            d.Heartbeat("quiet", Math.Min(t, 1_000));
        }

        var suspects = new List<string>();
        Silence silence = d.Judge(2_000, suspects, uneasyIntervals: 2);

        Assert.Equal(new Silence(Uneasy: 1, Judged: 2), silence);
        Assert.Equal(["quiet"], suspects);
    }
}
