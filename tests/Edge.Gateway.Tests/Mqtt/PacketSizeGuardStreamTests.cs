using Edge.Gateway.Mqtt.Security;

namespace Edge.Gateway.Tests.Mqtt;

/// <summary>The guard follows MQTT framing across any split of the bytes and stops at the first oversize header.</summary>
[Trait("Category", "Unit")]
public sealed class PacketSizeGuardStreamTests
{
    // PINGREQ (no body), a PUBLISH with a 3-byte body, and a packet whose 200-byte body needs a two-byte length.
    private static readonly byte[] Packets = [0xC0, 0x00, 0x30, 0x03, 1, 2, 3, 0x30, 0xC8, 0x01, .. new byte[200], 0xC0, 0x00];

    private static async Task<byte[]> ReadAllAsync(byte[] bytes, int limit, int chunk)
    {
        await using var guard = new PacketSizeGuardStream(new MemoryStream(bytes), limit);
        var output = new MemoryStream();
        var buffer = new byte[chunk];
        int read;
        while ((read = await guard.ReadAsync(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Packets_within_the_limit_pass_unchanged_however_the_reads_split_them(int chunk)
    {
        Assert.Equal(Packets, await ReadAllAsync(Packets, 200, chunk));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task A_header_declaring_more_than_the_limit_ends_the_stream_with_a_count(int chunk)
    {
        byte[] bytes = [.. Packets, 0x10, 0xFF, 0xFF, 0xFF, 0x7F];
        int oversize = 0;
        await using var guard = new PacketSizeGuardStream(new MemoryStream(bytes), 200, () => oversize++);
        var buffer = new byte[chunk];

        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            while (await guard.ReadAsync(buffer) > 0)
            {
            }
        });
        Assert.Equal(1, oversize);
    }

    [Fact]
    public async Task One_byte_over_the_limit_is_refused_and_the_limit_itself_is_not()
    {
        byte[] atLimit = [0x30, 0xC8, 0x01, .. new byte[200]];
        byte[] over = [0x30, 0xC9, 0x01, .. new byte[201]];

        Assert.Equal(atLimit, await ReadAllAsync(atLimit, 200, 64));
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(over, 200, 64));
    }

    [Fact]
    public async Task A_length_with_a_fifth_continuation_byte_is_malformed_and_refused()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync([0x30, 0x80, 0x80, 0x80, 0x80, 0x01], int.MaxValue, 64));
    }
}
