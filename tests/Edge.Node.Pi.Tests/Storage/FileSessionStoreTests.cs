using Edge.Node.Pi.Storage;

namespace Edge.Node.Pi.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class FileSessionStoreTests
{
    [Fact]
    public void A_saved_session_is_what_a_new_process_loads_and_a_missing_file_starts_at_zero()
    {
        using var dir = new TempDirectory();
        string path = dir.File("session");
        Assert.Equal(0, new FileSessionStore(path).Load());

        new FileSessionStore(path).Save(41);

        Assert.Equal(41, new FileSessionStore(path).Load());
        Assert.False(File.Exists(path + ".tmp"));
    }
}
