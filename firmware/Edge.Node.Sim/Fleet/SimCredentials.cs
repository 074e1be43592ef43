using System.Globalization;
using Edge.Protocol;

namespace Edge.Node.Sim.Fleet;

/// <summary>
/// `run --credentials FILE`: the boards' passwords for a gateway that refuses anonymous clients (one bound beyond
/// loopback, or run with --anonymous deny). One line per board, "node-id password", the password as
/// `edge-gateway nodes add node-id` printed it; blank lines and lines starting with # are skipped. The whole file is
/// checked before any board starts: a bad line, a duplicate, a board without a line, or a file others can read
/// (it holds secrets: chmod 600) is an error naming what is wrong.
/// </summary>
internal static class SimCredentials
{
    public static Dictionary<string, string> Load(string path, IReadOnlyCollection<string> boards)
    {
        if (!File.Exists(path))
        {
            throw new FormatException("--credentials " + path + ": no such file");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            throw new FormatException("--credentials " + path + ": readable by other users; it holds passwords (chmod 600 " + path + ")");
        }

        return Parse(File.ReadAllLines(path), boards, path);
    }

    public static Dictionary<string, string> Parse(IReadOnlyList<string> lines, IReadOnlyCollection<string> boards, string source = "credentials")
    {
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string where = source + " line " + (i + 1).ToString(CultureInfo.InvariantCulture);
            string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new FormatException(where + ": expected \"node-id password\"");
            }

            if (!Fields.IsValidId(parts[0]))
            {
                throw new FormatException(where + ": \"" + parts[0] + "\" is not a node id (1 to " + Fields.MaxIdLength.ToString(CultureInfo.InvariantCulture) + " characters of A-Z a-z 0-9 _ . -)");
            }

            if (!passwords.TryAdd(parts[0], parts[1]))
            {
                throw new FormatException(where + ": a second line for " + parts[0]);
            }
        }

        string[] missing = [.. boards.Where(b => !passwords.ContainsKey(b))];
        if (missing.Length > 0)
        {
            throw new FormatException(source + ": no credential for " + string.Join(", ", missing) + " (edge-gateway nodes add <id> makes one)");
        }

        return passwords;
    }
}
