namespace Edge.Node.Esp32.Tests;

public sealed class InboxQueueTests
{
    [Fact]
    [Trait("Category", "Unit")]
    public void Messages_come_out_in_the_order_they_arrived()
    {
        InboxQueue inbox = new(4);
        inbox.Enqueue("a", new byte[] { 1 });
        inbox.Enqueue("b", new byte[] { 2 });

        Assert.Equal("a", inbox.Dequeue().Topic);
        Assert.Equal("b", inbox.Dequeue().Topic);
        Assert.Null(inbox.Dequeue());
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_full_inbox_drops_and_counts_instead_of_growing()
    {
        InboxQueue inbox = new(2);

        Assert.True(inbox.Enqueue("a", new byte[1]));
        Assert.True(inbox.Enqueue("b", new byte[1]));
        Assert.False(inbox.Enqueue("c", new byte[1]));
        Assert.Equal(2, inbox.Count);
        Assert.Equal(1, inbox.Dropped);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_message_without_payload_arrives_as_an_empty_payload()
    {
        InboxQueue inbox = new(1);
        inbox.Enqueue("retained/cleared", null);

        Assert.Empty(inbox.Dequeue().Payload);
    }
}
