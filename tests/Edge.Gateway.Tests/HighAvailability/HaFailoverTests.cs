namespace Edge.Gateway.Tests.HighAvailability;

/// <summary>
/// The HA mode with real etcd, PostgreSQL and Mosquitto processes: a killed leader hands the site to the standby
/// with every sample counted once; a paused leader is fenced and, when it wakes, acknowledges nothing. Timing is
/// waited for, never asserted (bench ha measures it).
/// </summary>
[Trait("Category", "Integration")]
[Collection(Failover.FleetCollection.Name)]
public sealed class HaFailoverTests
{
    [Fact]
    public async Task Killing_the_leader_hands_the_site_to_the_standby_and_the_totals_stay_exact()
    {
        await using HaCluster cluster = await HaCluster.StartAsync(gateways: 2, nodes: 2, flows: 4);
        var (first, firstToken) = await cluster.LeaderAsync();
        await cluster.FlowingAsync(100);

        await first.KillAsync();
        var (second, secondToken) = await cluster.LeaderAsync(except: first);
        await cluster.FlowingAsync(100);

        Assert.NotSame(first, second);
        Assert.True(secondToken > firstToken, $"the new leader's token {secondToken} is newer than {firstToken}");
        Assert.Equal(secondToken, await cluster.LeadershipTokenAsync());
        await cluster.AssertExactAsync();
    }

    [Fact]
    public async Task A_paused_leader_is_fenced_and_acknowledges_nothing_after_it_wakes()
    {
        await using HaCluster cluster = await HaCluster.StartAsync(gateways: 2, nodes: 2, flows: 4);
        var (first, _) = await cluster.LeaderAsync();
        await cluster.FlowingAsync(100);

        first.Pause();
        var (second, secondToken) = await cluster.LeaderAsync(except: first);
        await cluster.FlowingAsync(100);
        long woke = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        first.Resume();

        await Eventually.TrueAsync(async () => await HaCluster.RoleAsync(first) == "standby", () => "the woken leader stands by");
        await cluster.FlowingAsync(100);

        var firstAcks = await HaCluster.AckWindowsAsync(first);
        var secondAcks = await HaCluster.AckWindowsAsync(second);
        Assert.NotEmpty(firstAcks);
        Assert.All(firstAcks, w => Assert.True(w.LastMs < woke, $"the old leader acked at {w.LastMs}, after it woke at {woke}"));
        long newFirst = secondAcks.Where(w => w.Token == secondToken).Min(w => w.FirstMs);
        Assert.True(firstAcks.Max(w => w.LastMs) < newFirst, "the old leader's last ack comes before the new leader's first");
        Assert.Equal("leader", await HaCluster.RoleAsync(second));
        await cluster.AssertExactAsync();
    }
}
