using System.Globalization;
using Edge.Node.Core.Agent;

namespace Edge.Node.Pi.Storage;

/// <summary>
/// The session number in a small file of the data directory, replaced whole (temp file, fsync, rename), so a
/// reboot never starts the sessions again at 0 and a late Will of an old session cannot kill the new one. Without
/// the file (a new SD card, a wiped data directory) or with one that cannot be read, the session falls back to the
/// seconds since 2020-01-01 (docs/PROTOCOL.md section 2), which still exceeds every session this node had before, so
/// the gateway takes the new birth instead of calling it stale forever. The ESP32's FlashSessionStore does the same.
/// </summary>
internal sealed class FileSessionStore(string path, TimeProvider clock) : ISessionStore
{
    /// <summary>2020-01-01T00:00:00Z in Unix seconds.</summary>
    public const long Epoch2020Seconds = 1_577_836_800;

    public FileSessionStore(string path)
        : this(path, TimeProvider.System)
    {
    }

    /// <summary>The last saved session, or the seconds since 2020 when that is larger (or nothing was saved).</summary>
    public long Load()
    {
        long fallback = Math.Max(0, clock.GetUtcNow().ToUnixTimeSeconds() - Epoch2020Seconds);
        return Math.Max(Stored(), fallback);
    }

    public void Save(long session)
    {
        string temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(session.ToString(CultureInfo.InvariantCulture) + "\n"));
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    private long Stored()
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long session) ? session : 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return 0;
        }
    }
}
