using Edge.Node.Pi.Storage;

namespace Edge.Node.Pi.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class FileSessionStoreTests
{
    private static readonly DateTimeOffset Year2020 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_saved_session_is_what_a_new_process_loads()
    {
        using var dir = new TempDirectory();
        string path = dir.File("session");
        var clock = new FixedClock(Year2020.AddSeconds(10));

        new FileSessionStore(path, clock).Save(41);

        Assert.Equal(41, new FileSessionStore(path, clock).Load());
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void A_lost_session_file_falls_back_to_the_seconds_since_2020_which_outgrow_every_earlier_session()
    {
        using var dir = new TempDirectory();
        string path = dir.File("session");
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var store = new FileSessionStore(path, clock);

        // A process that connected three times (the agent saves Load() + 1 on every connect), then a lost data directory.
        for (int connect = 0; connect < 3; connect++)
        {
            store.Save(store.Load() + 1);
        }

        long lastUsed = store.Load();
        File.Delete(path);
        clock.Now = clock.Now.AddMinutes(1);

        long after = new FileSessionStore(path, clock).Load();

        Assert.Equal(clock.Now.ToUnixTimeSeconds() - FileSessionStore.Epoch2020Seconds, after);
        Assert.True(after + 1 > lastUsed, "the next birth (" + (after + 1) + ") must not be stale against " + lastUsed);
    }

    [Fact]
    public void A_garbled_session_file_falls_back_like_a_missing_one()
    {
        using var dir = new TempDirectory();
        string path = dir.File("session");
        File.WriteAllText(path, "\0\0\0garbage");
        var clock = new FixedClock(Year2020.AddSeconds(123_456));

        Assert.Equal(123_456, new FileSessionStore(path, clock).Load());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
