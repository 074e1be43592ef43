namespace Edge.Gateway.Core.Tests.Fleet;

/// <summary>
/// Most of the fleet silent at once (a broker or access point that stalls, a host whose scheduler falls behind) is
/// not most of the fleet dead: suspicions wait until the others are heard again, or until the hold runs out.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CorrelatedSilenceTests
{
    private static readonly string[] Twenty = [.. Enumerable.Range(1, 20).Select(i => "n" + i)];

    private static SupervisorHarness Fleet(string[] nodes)
    {
        var h = new SupervisorHarness();
        foreach (string node in nodes)
        {
            h.Birth(node);
        }

        h.Run(TimeSpan.FromSeconds(5), nodes);
        return h;
    }

    private static int EventsOf(SupervisorHarness h, string kind) => h.Events.Recent(512).Count(e => e.Kind == kind);

    [Fact]
    public void A_two_second_stall_of_the_whole_fleet_fails_nobody_over()
    {
        var h = Fleet(Twenty);
        var before = h.Owners();

        h.Run(TimeSpan.FromSeconds(2));
        h.Run(TimeSpan.FromSeconds(5), Twenty);

        Assert.Equal(0, h.Supervisor.Failovers);
        Assert.Equal(before, h.Owners());
        Assert.Equal(1, h.Supervisor.CorrelatedSilences);
        Assert.Equal(1, EventsOf(h, "correlated_silence"));
    }

    [Fact]
    public void A_stall_is_seen_as_one_even_when_only_the_nodes_with_the_narrowest_spread_would_reach_the_threshold()
    {
        // Twelve of twenty nodes have lived through jitter (intervals of 750 and 250 ms), so a 1.2 s stall leaves
        // their phi low while the eight regular ones cross the threshold: by phi alone, eight nodes died at once.
        string[] regular = Twenty[..8];
        var h = Fleet(Twenty);
        for (int cycle = 0; cycle < 30; cycle++)
        {
            h.Run(TimeSpan.FromMilliseconds(250), Twenty);
            h.Run(TimeSpan.FromMilliseconds(500), regular);
            h.Run(TimeSpan.FromMilliseconds(250), Twenty);
        }

        h.Run(TimeSpan.FromMilliseconds(1200));
        h.Run(TimeSpan.FromSeconds(2), Twenty);

        Assert.Equal(0, h.Supervisor.Failovers);
        Assert.Equal(1, h.Supervisor.CorrelatedSilences);
    }

    [Fact]
    public void A_lone_silent_node_among_heard_ones_is_declared_dead_within_the_usual_bound()
    {
        var h = Fleet(Twenty);

        h.Run(TimeSpan.FromMilliseconds(1300), Twenty[1..]);

        Assert.Equal(1, h.Supervisor.Failovers);
        Assert.DoesNotContain("n1", h.Owners().Values);
        Assert.Equal(0, h.Supervisor.CorrelatedSilences);
    }

    [Fact]
    public void Nodes_still_silent_when_the_others_are_heard_again_are_declared_dead_one_detection_bound_later()
    {
        var h = Fleet(Twenty);
        h.Run(TimeSpan.FromSeconds(2));
        Assert.Equal(0, h.Supervisor.Failovers);

        h.Run(TimeSpan.FromMilliseconds(500), Twenty[2..]);
        Assert.Equal(0, h.Supervisor.Failovers);

        h.Run(TimeSpan.FromMilliseconds(1000), Twenty[2..]);

        Assert.Equal(2, h.Supervisor.Failovers);
        Assert.DoesNotContain("n1", h.Owners().Values);
        Assert.DoesNotContain("n2", h.Owners().Values);
    }

    [Fact]
    public void The_last_nodes_of_a_stall_heard_a_moment_after_the_rest_are_not_failed_over()
    {
        // A CI run of the fleet test: eight of twelve boards resumed in turn, six were heard, and the other two,
        // moments behind, were declared dead in the judgement that saw the six.
        var h = Fleet(Twenty);
        var before = h.Owners();
        h.Run(TimeSpan.FromSeconds(2));

        h.Run(TimeSpan.FromMilliseconds(250), Twenty[2..]);
        h.Run(TimeSpan.FromSeconds(3), Twenty);

        Assert.Equal(0, h.Supervisor.Failovers);
        Assert.Equal(before, h.Owners());
    }

    [Fact]
    public void A_fleet_that_stays_silent_past_the_hold_is_believed_dead()
    {
        var h = Fleet(Twenty);
        h.Run(h.Options.Silence.MaxHold - TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, h.Supervisor.Failovers);

        h.Run(TimeSpan.FromSeconds(1));

        Assert.Equal(20, h.Supervisor.Failovers);
    }

    [Fact]
    public void In_a_long_silence_the_hung_nodes_are_believed_after_the_hold_and_a_late_one_is_not()
    {
        // Half the fleet hangs for good; five seconds in, n11 is late for 1.5 s. It is held and heard again, while
        // the ten hung nodes are declared once each has been silent for the hold.
        var h = Fleet(Twenty);
        string[] heard = Twenty[10..];

        h.Run(TimeSpan.FromSeconds(5), heard);
        h.Run(TimeSpan.FromMilliseconds(1500), heard[1..]);
        h.Run(h.Options.Silence.MaxHold - TimeSpan.FromMilliseconds(6800), heard);
        Assert.Equal(0, h.Supervisor.Failovers);

        h.Run(TimeSpan.FromSeconds(1), heard);

        Assert.Equal(10, h.Supervisor.Failovers);
        Assert.Contains("n11", h.Owners().Values);
        Assert.All(Twenty[..10], n => Assert.DoesNotContain(n, h.Owners().Values));
    }

    [Fact]
    public void A_slice_of_the_fleet_silent_together_is_failed_over_and_logged_as_one_mass_suspicion()
    {
        string[] thirty = [.. Enumerable.Range(1, 30).Select(i => "n" + i)];
        var h = Fleet(thirty);

        h.Run(TimeSpan.FromMilliseconds(1300), thirty[12..]);

        Assert.Equal(12, h.Supervisor.Failovers);
        Assert.Equal(0, h.Supervisor.CorrelatedSilences);
        var mass = Assert.Single(h.Events.Recent(512), e => e.Kind == "mass_suspicion");
        Assert.StartsWith("12 nodes declared dead in one judgement; 12 of 30", mass.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_will_is_acted_on_during_a_correlated_silence()
    {
        var h = Fleet(Twenty);
        h.Run(TimeSpan.FromSeconds(2));

        h.Die("n1");

        Assert.Equal(1, h.Supervisor.Failovers);
        Assert.DoesNotContain("n1", h.Owners().Values);
    }

    [Fact]
    public void In_a_fleet_smaller_than_the_minimum_every_silent_node_is_judged_alone()
    {
        string[] three = ["n1", "n2", "n3"];
        var h = Fleet(three);

        h.Run(TimeSpan.FromMilliseconds(1300), "n3");

        Assert.Equal(2, h.Supervisor.Failovers);
        Assert.Equal(0, h.Supervisor.CorrelatedSilences);
    }
}
