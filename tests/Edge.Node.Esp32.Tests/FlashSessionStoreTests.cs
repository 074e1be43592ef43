using System;
using System.IO;
using System.Text;

namespace Edge.Node.Esp32.Tests;

/// <summary>The session file's format, and the store over .NET's System.IO (the same calls nanoFramework has).</summary>
public sealed class FlashSessionStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-esp32-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, true);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(4294967295L)]
    [InlineData(999999999999999999L)]
    [Trait("Category", "Unit")]
    public void A_session_formats_and_parses_back_to_itself(long session)
    {
        byte[] buffer = new byte[20];
        int length = FlashSessionStore.Format(session, buffer);

        Assert.Equal(session.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer, 0, length));
        Assert.True(FlashSessionStore.TryParse(buffer, length, out long parsed));
        Assert.Equal(session, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 12")]
    [InlineData("-1")]
    [InlineData("12a")]
    [InlineData("1 2")]
    [InlineData("1234567890123456789")]
    [Trait("Category", "Unit")]
    public void A_damaged_session_file_is_not_read_as_a_number(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);

        Assert.False(FlashSessionStore.TryParse(bytes, bytes.Length, out _));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_trailing_newline_is_accepted()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("42\r\n");

        Assert.True(FlashSessionStore.TryParse(bytes, bytes.Length, out long value));
        Assert.Equal(42, value);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_saved_session_survives_a_restart()
    {
        string path = Path.Combine(_dir, "edge.session");
        new FlashSessionStore(path, 0).Save(41);

        Assert.Equal(41, new FlashSessionStore(path, 0).Load());
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Without_a_stored_session_the_seconds_since_2020_are_used()
    {
        long now = UnixClock.ToUnixMs(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        long session = new FlashSessionStore(Path.Combine(_dir, "none.session"), now).Load();

        Assert.Equal((now / 1000) - FlashSessionStore.Epoch2020Seconds, session);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void A_stored_session_below_the_clock_floor_gives_way_to_the_clock()
    {
        string path = Path.Combine(_dir, "edge.session");
        new FlashSessionStore(path, 0).Save(5);
        long now = UnixClock.ToUnixMs(new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal((now / 1000) - FlashSessionStore.Epoch2020Seconds, new FlashSessionStore(path, now).Load());
    }
}
