using Edge.Gateway.Core.Balancing;

namespace Edge.Gateway.Core.Tests.Balancing;

[Trait("Category", "Unit")]
public sealed class BalancerTests
{
    public static TheoryData<int> Strategies => new(Enumerable.Range(0, Fleets.All().Length));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Every_flow_gets_a_live_eligible_owner(int strategy)
    {
        var balancer = Fleets.All()[strategy];
        var nodes = Fleets.Nodes(3);
        var flows = Fleets.Flows(10);
        flows[4] = flows[4] with { Eligible = new HashSet<string> { "n2" } };
        var owners = balancer.Assign(flows, nodes, new Dictionary<int, string> { [1] = "dead-node" });

        Assert.Equal(10, owners.Count);
        Assert.All(owners.Values, n => Assert.Contains(n, nodes.Select(x => x.Node)));
        Assert.Equal("n2", owners[4]);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void A_flow_pinned_to_a_dead_node_stays_unassigned(int strategy)
    {
        var flows = new List<FlowDemand> { new(7, 5, false, new HashSet<string> { "gone" }) };
        var owners = Fleets.All()[strategy].Assign(flows, Fleets.Nodes(2), new Dictionary<int, string>());

        Assert.Empty(owners);
    }

    [Fact]
    public void The_forecast_balancer_moves_only_the_dead_nodes_flows_when_a_node_dies()
    {
        var balancer = new ForecastBalancer();
        var flows = Fleets.Flows(12);
        var before = balancer.Assign(flows, Fleets.Nodes(4), new Dictionary<int, string>());
        var after = balancer.Assign(flows, Fleets.Nodes(4).Where(n => n.Node != "n2").ToList(), before);

        var moved = after.Where(p => before[p.Key] != p.Value).Select(p => p.Key).ToHashSet();
        Assert.Equal(before.Where(p => p.Value == "n2").Select(p => p.Key).ToHashSet(), moved);
        Assert.DoesNotContain("n2", after.Values);
    }

    [Fact]
    public void The_forecast_balancer_keeps_owners_when_load_is_even()
    {
        var balancer = new ForecastBalancer();
        var flows = Fleets.Flows(8);
        var first = balancer.Assign(flows, Fleets.Nodes(4), new Dictionary<int, string>());
        var second = balancer.Assign(flows, Fleets.Nodes(4), first);

        Assert.Equal(0, BalanceMetrics.Moves(first, second));
        Assert.True(BalanceMetrics.Imbalance(flows, Fleets.Nodes(4), second) < 1.01);
    }

    [Fact]
    public void The_forecast_balancer_evens_out_a_hot_node_with_a_bounded_number_of_moves()
    {
        var balancer = new ForecastBalancer(epsilon: 0.25, maxVoluntaryMoves: 2);
        var flows = Fleets.Flows(8);
        var skewed = flows.ToDictionary(f => f.Flow, f => f.Flow < 6 ? "n1" : "n2");
        var after = balancer.Assign(flows, Fleets.Nodes(3), skewed);

        Assert.InRange(BalanceMetrics.Moves(skewed, after), 1, 2);
        Assert.True(BalanceMetrics.Imbalance(flows, Fleets.Nodes(3), after) < BalanceMetrics.Imbalance(flows, Fleets.Nodes(3), skewed));
    }

    [Fact]
    public void A_flow_about_to_burst_goes_to_the_node_that_has_already_grown_its_buffer()
    {
        var nodes = new List<NodeCapacity> { new("n1", 100, Headroom: 0.2), new("n2", 100, Headroom: 0.9, PreExpanded: true) };
        var flows = new List<FlowDemand> { new(1, 10, BurstExpected: true, Fleets.AnyNode) };

        var owners = new ForecastBalancer().Assign(flows, nodes, new Dictionary<int, string>());

        Assert.Equal("n2", owners[1]);
    }

    [Fact]
    public void Bounded_hashing_moves_few_flows_when_a_node_joins_and_round_robin_moves_many()
    {
        var flows = Fleets.Flows(40, f => 5 + (f % 7));
        var hash = new BoundedLoadHashBalancer();
        var rr = new RoundRobinBalancer();
        var hashBefore = hash.Assign(flows, Fleets.Nodes(4), new Dictionary<int, string>());
        var rrBefore = rr.Assign(flows, Fleets.Nodes(4), new Dictionary<int, string>());

        int hashMoves = BalanceMetrics.Moves(hashBefore, hash.Assign(flows, Fleets.Nodes(5), hashBefore));
        int rrMoves = BalanceMetrics.Moves(rrBefore, rr.Assign(flows, Fleets.Nodes(5), rrBefore));

        Assert.True(hashMoves < rrMoves, hashMoves + " vs " + rrMoves);
        Assert.True(BalanceMetrics.Imbalance(flows, Fleets.Nodes(5), hash.Assign(flows, Fleets.Nodes(5), hashBefore)) <= 1.25 + 0.3);
    }

    [Fact]
    public void Least_loaded_balances_unequal_flows_better_than_round_robin()
    {
        var flows = Fleets.Flows(12, f => f % 4 == 0 ? 40 : 5);
        var nodes = Fleets.Nodes(4);
        var none = new Dictionary<int, string>();

        double ll = BalanceMetrics.Imbalance(flows, nodes, new LeastLoadedBalancer().Assign(flows, nodes, none));
        double rr = BalanceMetrics.Imbalance(flows, nodes, new RoundRobinBalancer().Assign(flows, nodes, none));

        Assert.True(ll < rr, ll + " vs " + rr);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void No_node_gets_more_flows_than_its_announced_maximum(int strategy)
    {
        var nodes = new List<NodeCapacity> { new("n1", 100, MaxFlows: 2), new("n2", 100, MaxFlows: 3) };
        var owners = Fleets.All()[strategy].Assign(Fleets.Flows(8), nodes, new Dictionary<int, string>());

        Assert.True(owners.Values.Count(n => n == "n1") <= 2);
        Assert.True(owners.Values.Count(n => n == "n2") <= 3);
        Assert.Equal(5, owners.Count);
    }
}
