using System.Globalization;
using Edge.Node.Core.Agent;

namespace Edge.Node.Pi.Storage;

/// <summary>
/// The session number in a small file of the data directory, replaced whole (temp file, fsync, rename), so a
/// reboot never starts the sessions again at 0 and a late Will of an old session cannot kill the new one.
/// </summary>
internal sealed class FileSessionStore(string path) : ISessionStore
{
    public long Load()
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long session) ? session : 0;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
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
}
