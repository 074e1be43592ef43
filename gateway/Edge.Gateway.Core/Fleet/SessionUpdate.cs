namespace Edge.Gateway.Core.Fleet;

internal enum SessionUpdate
{
    Applied,

    /// <summary>Carried an older session than the one known: a late Will or a replayed birth, ignored.</summary>
    Stale,

    /// <summary>About a node the gateway has no birth for.</summary>
    Unknown,
}
