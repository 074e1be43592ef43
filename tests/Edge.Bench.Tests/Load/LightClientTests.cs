using Edge.Bench.Load;

namespace Edge.Bench.Tests.Load;

[Trait("Category", "Integration")]
public sealed class LightClientTests
{
    [Fact]
    public async Task A_subscription_fails_when_the_broker_hangs_up_before_acknowledging_it()
    {
        using var broker = new HangingUpBroker();
        await using LightClient client = await LightClient.ConnectAsync(
            "127.0.0.1", broker.Port, LightClient.Connect("n00000", 15), (_, _) => { }, CancellationToken.None);

        // Before the fix this waited for a SUBACK that could never come (the bound only turns a hang into a failure).
        await Assert.ThrowsAsync<IOException>(() => client.SubscribeAsync(["edge/lab/node/n00000/+"], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(client.Closed);
        Assert.False(client.ClosedOnPurpose);
    }
}
