using System.Net;
using Edge.Gateway.Mqtt;

namespace Edge.Gateway.Tests.Mqtt;

[Trait("Category", "Unit")]
public sealed class EmbeddedIntakeTests
{
    [Theory]
    [InlineData("edge/v1/lab/node/pi-01/data", true)]
    [InlineData("edge/v1/lab/node/pi-01/whatever", true)]
    [InlineData("edge/v1/lab/node/pi-01/cmd", false)]
    [InlineData("edge/v1/lab/node/pi-01/ack", false)]
    [InlineData("edge/v1/lab/node/pi-01/config", false)]
    [InlineData("edge/v1/lab/gateway/gw-2/state", true)]
    [InlineData("edge/v1/lab/gateway/gw-2/other", false)]
    [InlineData("edge/v1/lab/node/pi-01", false)]
    [InlineData("edge/v1/lab/node/pi-01/data/extra", false)]
    [InlineData("edge/v1/lab/node//data", false)]
    [InlineData("edge/v1/other/node/pi-01/data", false)]
    [InlineData("edge/v1/lab/rollup/1s/fleet", false)]
    public async Task It_takes_what_a_client_subscribed_to_the_node_tree_and_gateway_states_would_get(string topic, bool taken)
    {
        await using var broker = new EmbeddedBroker(IPAddress.Loopback, 0);
        var intake = new EmbeddedIntake(broker, new BrokerSubscriptions("lab"), "lab", "gw", (_, _) => ValueTask.CompletedTask);
        Assert.Equal(taken, intake.Takes(topic));
    }
}
