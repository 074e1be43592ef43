namespace Edge.Gateway.Etcd;

/// <summary>--election etcd://host:2379,host2:2379 as the list dotnet-etcd takes (http://host:2379,http://host2:2379).</summary>
internal static class EtcdEndpoints
{
    public const string Scheme = "etcd://";

    public static string Parse(string election)
    {
        if (!election.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"election must be etcd://host:port[,host:port...], got {election}");
        }

        string[] hosts = election[Scheme.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0)
        {
            throw new FormatException("election names no etcd endpoint");
        }

        return string.Join(',', hosts.Select(h => "http://" + (h.Contains(':', StringComparison.Ordinal) ? h : h + ":2379")));
    }
}
