using System.Collections.Concurrent;
using Edge.Protocol;

namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// Every broker identity the gateway knows: nodes, the gateway's own two clients and dashboards, each a
/// username (= its MQTT client id) with a role and a PBKDF2 hash (<see cref="PasswordHash"/>). Kept in a text
/// file next to the database, one <c>role:username:$7$...</c> line each; the part after the role is exactly a
/// line of Mosquitto's password_file (<see cref="MosquittoFiles"/>).
/// </summary>
internal sealed class NodeCredentials
{
    private readonly ConcurrentDictionary<string, (Role Role, string Hash)> _entries = new(StringComparer.Ordinal);

    /// <summary>Identities kept in memory only (the demo's boards), which a reload of the file must not drop.</summary>
    private readonly ConcurrentDictionary<string, byte> _transient = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public IEnumerable<(string User, Role Role, string Hash)> Entries =>
        _entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Role, e.Value.Hash));

    /// <summary>Where the credentials of the gateway using <paramref name="databasePath"/> live.</summary>
    public static string PathFor(string databasePath) => Path.ChangeExtension(Path.GetFullPath(databasePath), ".credentials");

    /// <summary>The file's credentials; none when it does not exist. A malformed line is an error naming the line.</summary>
    public static NodeCredentials Load(string path)
    {
        var credentials = new NodeCredentials();
        if (!File.Exists(path))
        {
            return credentials;
        }

        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] parts = line.Split(':', 3);
            if (parts.Length != 3 || !Enum.TryParse(parts[0], ignoreCase: true, out Role role) || role == Role.LocalAnonymous
                || !Fields.IsValidId(parts[1]) || !parts[2].StartsWith("$7$", StringComparison.Ordinal))
            {
                throw new FormatException(path + " line " + number + ": expected role:username:$7$... (role node, gateway or dashboard)");
            }

            credentials._entries[parts[1]] = (role, parts[2]);
        }

        return credentials;
    }

    /// <summary>
    /// Creates or replaces <paramref name="user"/>'s credential; returns the password (shown once, never stored).
    /// A <paramref name="transient"/> one lives in memory only, and a reload of the file keeps it.
    /// </summary>
    public string Add(string user, Role role, string? password = null, bool transient = false)
    {
        if (transient)
        {
            _transient[user] = 0;
        }

        if (!Fields.IsValidId(user))
        {
            throw new ArgumentException("\"" + user + "\" is not an id (1 to 64 characters of A-Z a-z 0-9 _ . -)", nameof(user));
        }

        password ??= PasswordHash.NewPassword();
        _entries[user] = (role, PasswordHash.Create(password));
        return password;
    }

    public bool Contains(string user) => _entries.ContainsKey(user);

    public bool Remove(string user) => _entries.TryRemove(user, out _);

    /// <summary>Takes every entry of <paramref name="file"/> (a newer read of the credentials file) and drops nodes and dashboards it no longer has.</summary>
    public void Refresh(NodeCredentials file)
    {
        foreach (var (user, role, hash) in file.Entries)
        {
            _entries[user] = (role, hash);
        }

        foreach (var (user, role, _) in Entries.ToList())
        {
            if (role != Role.Gateway && !file.Contains(user) && !_transient.ContainsKey(user))
            {
                _entries.TryRemove(user, out _);
            }
        }
    }

    /// <summary>The role of <paramref name="user"/> when <paramref name="password"/> is its password, else null.</summary>
    public Role? Verify(string user, string? password) =>
        password is not null && _entries.TryGetValue(user, out var entry) && PasswordHash.Verify(password, entry.Hash) ? entry.Role : null;

    /// <summary>Writes the file atomically, readable by its owner only (it holds hashes, not passwords, but still).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        var lines = new List<string> { "# Edge broker credentials: role:username:PBKDF2-SHA512 hash. Add with: edge-gateway nodes add <id>" };
        lines.AddRange(Entries.Where(e => e.Role != Role.Gateway).Select(e => e.Role.ToString().ToLowerInvariant() + ":" + e.User + ":" + e.Hash));
        File.WriteAllLines(temporary, lines);
        OwnerOnly(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    public static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
