namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// The nodes the supervisor may give flows to, in id order, with lookup by id: kept up to date by
/// <see cref="NodeRegistry"/> as records change, so placement never sorts or scans the whole fleet to find them.
/// Fleet loop only (it is the registry's one writer); a view, valid until the registry next changes.
/// </summary>
internal sealed class LiveNodeSet : IReadOnlyList<NodeRecord>
{
    private readonly SortedList<string, NodeRecord> _byId = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public NodeRecord this[int index] => _byId.Values[index];

    public bool Contains(string node) => _byId.ContainsKey(node);

    public NodeRecord? Find(string node) => _byId.GetValueOrDefault(node);

    public IEnumerator<NodeRecord> GetEnumerator() => _byId.Values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The registry replaced a record: a live one is (re)indexed, any other leaves the set.</summary>
    public void Put(NodeRecord record)
    {
        if (record.Live)
        {
            _byId[record.Node] = record;
        }
        else
        {
            _byId.Remove(record.Node);
        }
    }
}
