using System.Buffers;
using System.Text;
using Edge.Gateway.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Gateway.Tests.Mqtt;

[Trait("Category", "Unit")]
public sealed class RetainedIndexTests
{
    private readonly RetainedIndex _retained = new();

    public RetainedIndexTests()
    {
        foreach (string node in new[] { "n1", "n2", "n3" })
        {
            _retained.Store(Message("edge/v1/lab/node/" + node + "/birth", "b-" + node));
            _retained.Store(Message("edge/v1/lab/node/" + node + "/state", "s-" + node));
            _retained.Store(Message("homeassistant/sensor/edge_lab_" + node + "/rate/config", "c-" + node));
        }

        _retained.Store(Message("edge/v1/lab/flow/1/owner", "o-1"));
        _retained.Store(Message("edge/v1/lab/gateway/gw-1/state", "g"));
        _retained.Store(Message("$edge/warm-up", "w"));
    }

    [Fact]
    public void A_nodes_own_inbox_filter_gets_its_own_birth_and_state_only()
    {
        Assert.Equal(["edge/v1/lab/node/n2/birth", "edge/v1/lab/node/n2/state"], Topics("edge/v1/lab/node/n2/+"));
    }

    [Fact]
    public void The_fleets_common_filters_get_the_owners_and_gateway_states_and_nothing_else()
    {
        Assert.Equal(["edge/v1/lab/flow/1/owner"], Topics("edge/v1/lab/flow/+/owner"));
        Assert.Equal(["edge/v1/lab/gateway/gw-1/state"], Topics("edge/v1/lab/gateway/+/state"));
    }

    [Theory]
    [InlineData("edge/v1/other/node/+/birth")]
    [InlineData("edge/v1/lab/node")]
    [InlineData("edge/v1/lab/node/n9/+")]
    [InlineData("edge/v1/lab/node/n1/birth/more")]
    public void Filters_matching_no_topic_get_nothing(string filter)
    {
        Assert.Empty(_retained.Matching(filter));
    }

    [Theory]
    [InlineData("#", 11)]
    [InlineData("edge/#", 8)]
    [InlineData("edge/v1/lab/#", 8)]
    [InlineData("edge/v1/+/node/+/birth", 3)]
    [InlineData("edge/v1/lab/node/#", 6)]
    [InlineData("homeassistant/+/+/+/config", 3)]
    [InlineData("+/+/+/+/n1/+", 2)]
    [InlineData("$edge/#", 1)]
    [InlineData("edge/v1/lab/flow/1/owner/#", 1)]
    public void A_wildcard_gets_every_topic_it_matches_by_mqtt_rules(string filter, int count)
    {
        Assert.Equal(count, _retained.Matching(filter).Count);
    }

    [Fact]
    public void An_empty_retained_payload_clears_the_topic_and_a_new_one_replaces_it()
    {
        _retained.Store(Message("edge/v1/lab/node/n1/birth", ""));
        _retained.Store(Message("edge/v1/lab/node/n2/birth", "b-n2-again"));

        Assert.Equal(["edge/v1/lab/node/n1/state"], Topics("edge/v1/lab/node/n1/+"));
        Assert.Equal("b-n2-again", Encoding.UTF8.GetString(_retained.Matching("edge/v1/lab/node/n2/birth")[0].Payload.ToArray()));
        Assert.Equal(11, _retained.Count);
    }

    [Fact]
    public void What_is_kept_is_a_copy_of_the_payload()
    {
        byte[] buffer = Encoding.UTF8.GetBytes("b-n4");
        _retained.Store(new MqttApplicationMessage { Topic = "edge/v1/lab/node/n4/birth", Payload = new ReadOnlySequence<byte>(buffer), Retain = true });
        buffer[0] = (byte)'X';

        Assert.Equal("b-n4", Encoding.UTF8.GetString(_retained.Matching("edge/v1/lab/node/n4/birth")[0].Payload.ToArray()));
    }

    [Fact]
    public void A_subscriber_gets_it_retained_at_no_higher_qos_than_it_subscribed()
    {
        MqttApplicationMessage kept = _retained.Matching("edge/v1/lab/node/n1/birth")[0];

        MqttApplicationMessage atMostOnce = RetainedIndex.ForSubscriber(kept, MqttQualityOfServiceLevel.AtMostOnce);
        MqttApplicationMessage exactlyOnce = RetainedIndex.ForSubscriber(kept, MqttQualityOfServiceLevel.ExactlyOnce);

        Assert.True(atMostOnce.Retain);
        Assert.Equal(MqttQualityOfServiceLevel.AtMostOnce, atMostOnce.QualityOfServiceLevel);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, exactlyOnce.QualityOfServiceLevel);
    }

    private string[] Topics(string filter) => [.. _retained.Matching(filter).Select(m => m.Topic).Order(StringComparer.Ordinal)];

    private static MqttApplicationMessage Message(string topic, string payload) => new()
    {
        Topic = topic, Payload = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), Retain = true,
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
    };
}
