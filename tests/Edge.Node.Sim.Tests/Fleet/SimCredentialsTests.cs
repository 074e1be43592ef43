using Edge.Node.Sim.Fleet;

namespace Edge.Node.Sim.Tests.Fleet;

/// <summary>`run --credentials`: every board's password, checked whole before any board starts.</summary>
[Trait("Category", "Unit")]
public sealed class SimCredentialsTests
{
    private static readonly string[] Two = ["sim-001", "sim-002"];

    [Fact]
    public void Each_board_gets_its_own_line_and_comments_and_blanks_are_skipped()
    {
        var passwords = SimCredentials.Parse(["# from nodes add", "", "sim-001 s3cret-1", "  sim-002\tS3cret-2  "], Two);

        Assert.Equal("s3cret-1", passwords["sim-001"]);
        Assert.Equal("S3cret-2", passwords["sim-002"]);
    }

    [Theory]
    [InlineData("sim-001 a b", "line 1: expected")]
    [InlineData("sim-001", "line 1: expected")]
    [InlineData("sim/001 a", "is not a node id")]
    public void A_bad_line_is_refused_naming_its_line(string line, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SimCredentials.Parse([line, "sim-002 b"], Two));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_board_without_a_line_and_a_duplicate_are_refused()
    {
        Assert.Contains("no credential for sim-002", Assert.Throws<FormatException>(() => SimCredentials.Parse(["sim-001 a"], Two)).Message, StringComparison.Ordinal);
        Assert.Contains("a second line for sim-001", Assert.Throws<FormatException>(() => SimCredentials.Parse(["sim-001 a", "sim-001 b"], Two)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_other_users_can_read_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["sim-001 a", "sim-002 b"]);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            Assert.Contains("chmod 600", Assert.Throws<FormatException>(() => SimCredentials.Load(path, Two)).Message, StringComparison.Ordinal);

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.Equal(2, SimCredentials.Load(path, Two).Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
