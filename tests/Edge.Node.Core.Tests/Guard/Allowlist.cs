namespace Edge.Node.Core.Tests.Guard;

/// <summary>
/// firmware/Edge.Node.Core/nanoframework-api.txt: one `entry | nanoFramework package | source` a line; an entry
/// is a type ("System.Math") or a member ("System.Math::Sqrt(System.Double)"). Only what nanoFramework's real
/// mscorlib cannot prove is listed: members of packages NuGet does not serve here, read from their sources.
/// </summary>
internal sealed class Allowlist
{
    private readonly HashSet<string> _entries = new(StringComparer.Ordinal);

    public List<string> Malformed { get; } = [];

    public int Count => _entries.Count;

    public static Allowlist Empty { get; } = new();

    public IEnumerable<string> Entries => _entries;

    public static Allowlist Load(string path)
    {
        var list = new Allowlist();
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split('|', StringSplitOptions.TrimEntries);
            bool ok = parts.Length == 3 && parts[0].Length > 0 && parts[1].StartsWith("nanoFramework.", StringComparison.Ordinal) && parts[2].Length > 0;
            if (!ok)
            {
                list.Malformed.Add(raw);
                continue;
            }

            list._entries.Add(parts[0]);
        }

        return list;
    }

    public bool Allows(string entry) => _entries.Contains(entry);
}
