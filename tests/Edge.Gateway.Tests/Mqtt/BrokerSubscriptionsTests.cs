using CsCheck;
using Edge.Gateway.Mqtt;
using MQTTnet;

namespace Edge.Gateway.Tests.Mqtt;

[Trait("Category", "Unit")]
public sealed class BrokerSubscriptionsTests
{
    private readonly BrokerSubscriptions _subscriptions = new("lab");

    [Fact]
    public void A_nodes_own_inbox_is_not_a_watcher_and_takes_its_own_messages_only()
    {
        _subscriptions.Subscribed("pi-01", "edge/v1/lab/node/pi-01/+");

        Assert.Empty(_subscriptions.Watchers);
        Assert.True(_subscriptions.Subscribes("pi-01", "edge/v1/lab/node/pi-01/ack"));
        Assert.False(_subscriptions.Subscribes("pi-01", "edge/v1/lab/node/pi-02/ack"));
        Assert.False(_subscriptions.Subscribes("pi-02", "edge/v1/lab/node/pi-02/ack"));
        Assert.False(_subscriptions.Watched("edge/v1/lab/node/pi-01/data"));
    }

    [Fact]
    public void The_filters_every_node_has_are_neither_own_nor_watchers()
    {
        _subscriptions.Subscribed("pi-01", "edge/v1/lab/flow/+/owner");
        _subscriptions.Subscribed("pi-01", "edge/v1/lab/gateway/+/state");

        Assert.Empty(_subscriptions.Watchers);
        Assert.True(_subscriptions.EveryNodeListens("edge/v1/lab/flow/7/owner"));
        Assert.True(_subscriptions.EveryNodeListens("edge/v1/lab/gateway/gw1/state"));
        Assert.False(_subscriptions.EveryNodeListens("edge/v1/lab/rollup/1s/fleet"));
    }

    [Fact]
    public void A_client_watching_another_nodes_topics_or_the_whole_tree_is_a_watcher()
    {
        _subscriptions.Subscribed("explorer", "edge/v1/lab/#");
        _subscriptions.Subscribed("pi-01", "edge/v1/lab/node/pi-02/+");

        Assert.True(_subscriptions.Watched("edge/v1/lab/node/pi-03/telemetry"));
        Assert.True(_subscriptions.Watched("edge/v1/lab/rollup/1s/fleet"));
        Assert.False(_subscriptions.Subscribes("pi-01", "edge/v1/lab/node/pi-02/ack"));
    }

    [Fact]
    public void A_watcher_that_leaves_or_unsubscribes_no_longer_holds_messages_back()
    {
        _subscriptions.Subscribed("explorer", "edge/v1/lab/#");
        _subscriptions.Subscribed("dash", "edge/v1/lab/node/+/telemetry");
        _subscriptions.Disconnected("explorer", takenOver: false);
        Assert.True(_subscriptions.Watched("edge/v1/lab/node/pi-03/telemetry"));
        Assert.False(_subscriptions.Watched("edge/v1/lab/node/pi-03/data"));

        _subscriptions.Unsubscribed("dash", "edge/v1/lab/node/+/telemetry");
        Assert.Empty(_subscriptions.Watchers);
    }

    [Fact]
    public void A_session_taken_over_keeps_what_the_new_connection_subscribed()
    {
        _subscriptions.Connected("pi-01");
        _subscriptions.Subscribed("pi-01", "edge/v1/lab/node/pi-01/+");
        _subscriptions.Disconnected("pi-01", takenOver: true);
        Assert.True(_subscriptions.Subscribes("pi-01", "edge/v1/lab/node/pi-01/cmd"));

        // A fresh connection starts a fresh session: what the old one subscribed is gone until it subscribes again.
        _subscriptions.Connected("pi-01");
        Assert.False(_subscriptions.Subscribes("pi-01", "edge/v1/lab/node/pi-01/cmd"));
    }

    [Fact]
    public void Watchers_of_other_branches_are_not_compared_with_node_topics_but_still_see_their_own()
    {
        for (int i = 0; i < 1000; i++)
        {
            _subscriptions.Subscribed("n" + i, "edge/v1/lab/flow/" + i + "/owner");
        }

        _subscriptions.Subscribed("ha", "homeassistant/#");

        Assert.False(_subscriptions.Watched("edge/v1/lab/node/n1/data"));
        Assert.True(_subscriptions.Watched("edge/v1/lab/flow/7/owner"));
        Assert.True(_subscriptions.Watched("homeassistant/sensor/edge/config"));
        Assert.False(_subscriptions.Watched("edge/v1/lab/rollup/1s/fleet"));
    }

    [Fact]
    public void A_filter_with_a_wildcard_before_its_branch_is_compared_with_every_topic()
    {
        _subscriptions.Subscribed("x", "+/v1/lab/node/+/data");
        _subscriptions.Subscribed("y", "edge/v1/lab/+/7/owner");

        Assert.True(_subscriptions.Watched("edge/v1/lab/node/n1/data"));
        Assert.True(_subscriptions.Watched("edge/v1/lab/flow/7/owner"));
        Assert.False(_subscriptions.Watched("edge/v1/lab/node/n1/telemetry"));
    }

    [Fact]
    public void A_topic_is_watched_exactly_when_some_watchers_filter_matches_it()
    {
        // Levels from a small alphabet, so that filters and topics often share prefixes and wildcards land anywhere;
        // a few watchers subscribe, unsubscribe and leave in turn, drawing from a small pool of filters so they share some.
        Gen<string> filter = Gen.Select(Gen.OneOf("edge", "v1", "lab", "node", "pi-01", "data", "", "+").Array[1, 6], Gen.Bool,
            (levels, rest) => string.Join('/', rest ? [.. levels, "#"] : levels));
        Gen<string> topic = Gen.OneOf("edge", "v1", "lab", "node", "pi-01", "pi-02", "data", "").Array[1, 7].Select(levels => string.Join('/', levels));
        Gen<(int Watcher, int Kind, int Filter)> step = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 5], Gen.Int[0, 99]);
        Gen.Select(filter.Array[1, 6], step.Array[0, 24], topic.Array[1, 10]).Sample((pool, steps, topics) =>
        {
            var subscriptions = new BrokerSubscriptions("lab");
            var model = new Dictionary<string, HashSet<string>>();
            foreach ((int watcher, int kind, int pick) in steps)
            {
                string f = pool[pick % pool.Length];
                string id = "watcher-" + watcher;
                HashSet<string> held = model.TryGetValue(id, out HashSet<string>? h) ? h : model[id] = [];
                if (kind == 0)
                {
                    subscriptions.Disconnected(id, takenOver: false);
                    held.Clear();
                }
                else if (kind == 1 && held.Count > 0)
                {
                    string gone = held.First();
                    subscriptions.Unsubscribed(id, gone);
                    held.Remove(gone);
                }
                else
                {
                    subscriptions.Subscribed(id, f);
                    held.Add(f);
                }
            }

            string[] live = [.. model.Values.SelectMany(h => h).Distinct()];
            Assert.Equal(live.Order(StringComparer.Ordinal), subscriptions.Watchers.Order(StringComparer.Ordinal));
            foreach (string t in topics)
            {
                bool expected = live.Any(f => MqttTopicFilterComparer.Compare(t, f) == MqttTopicFilterCompareResult.IsMatch);
                Assert.True(expected == subscriptions.Watched(t), t + " against " + string.Join(", ", live));
            }
        });
    }
}
